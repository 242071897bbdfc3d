// What the command-line tools (cairn-locate, cairn-guide-pack) share: their
// command line "[--help|-h] [FLAG] [FILE]", reading their one input from FILE
// or standard input, and the JSON error they print for bad input.
#pragma once

#include <boost/json/array.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace cairn::tools {

struct Arguments {
  bool help = false;         // --help or -h: print the usage, exit 0
  bool flag = false;         // the tool's one optional flag was given
  std::string path = "-";    // FILE; "-" is standard input
  bool usage_error = false;  // anything else: print the usage, exit 64
};

// `flag` is the tool's one optional flag ("--capture", "--base64").
Arguments parse_arguments(int argc, char** argv, const char* flag);

// The whole input at `path` ("-": standard input), read up to one byte past
// `max_bytes` (enough for json::parse_document to refuse the size); nullopt,
// with "cannot open <path>: <reason>" in `error`, when it cannot be opened.
std::optional<std::string> read_input(const std::string& path, std::size_t max_bytes, std::string& error);

// Prints {"error": message, "problems": problems} on one line to stderr.
void report_failure(const std::string& message, const boost::json::array& problems);

}  // namespace cairn::tools
