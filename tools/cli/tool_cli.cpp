#include "cli/tool_cli.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace cairn::tools {

Arguments parse_arguments(int argc, char** argv, const char* flag) {
  Arguments out;
  int arg = 1;
  if (arg < argc && (std::strcmp(argv[arg], "--help") == 0 || std::strcmp(argv[arg], "-h") == 0)) {
    out.help = true;
    return out;
  }
  if (arg < argc && std::strcmp(argv[arg], flag) == 0) {
    out.flag = true;
    ++arg;
  }
  if (arg < argc) out.path = argv[arg++];
  out.usage_error = arg < argc || (out.path.size() > 1 && out.path[0] == '-');
  return out;
}

std::optional<std::string> read_input(const std::string& path, std::size_t max_bytes, std::string& error) {
  std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!in) {
    error = "cannot open " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  char chunk[1 << 16];
  std::size_t got;
  while (text.size() <= max_bytes && (got = std::fread(chunk, 1, sizeof chunk, in)) > 0) {
    text.append(chunk, got);
  }
  if (in != stdin) std::fclose(in);
  return text;
}

void report_failure(const std::string& message, const boost::json::array& problems) {
  boost::json::object error{{"error", message}, {"problems", problems}};
  std::cerr << boost::json::serialize(error) << "\n";
}

}  // namespace cairn::tools
