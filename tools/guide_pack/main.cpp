// cairn-guide-pack: reads guides as JSON (a GET /v1/guides answer
// {"guides": [...]}, a bare array of guides, or one guide object) from a file
// or stdin, checks each with the guide codec and writes their packed form
// (guide/guide_pack.h) to stdout, raw or as base64 text.
// Bad input: every problem with its JSON pointer on stderr, exit code 1,
// nothing on stdout.
#include "cli/tool_cli.h"
#include "guide/guide_codec.h"
#include "guide/guide_pack.h"
#include "json/reader.h"

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr int kExitBadInput = 1;
constexpr int kExitUsage = 64;
// An app's whole published guide list; each guide is itself at most 1 MiB.
constexpr std::size_t kMaxInputBytes = 64u << 20;

constexpr const char* kUsage = R"(Usage: cairn-guide-pack [--base64] [FILE]

Reads guides as JSON from FILE, or from standard input when FILE is absent or
"-": a GET /v1/guides answer {"guides": [<guide>, ...]}, an array of guides,
or one guide. Checks every guide as the collector does (docs/guide-format.md)
and writes the packed form the browser SDK reads ("The packed form" there) to
standard output: raw bytes, or with --base64 one line of base64 text.

Exit codes: 0 written, 1 some guide is invalid (a JSON list of problems with
JSON pointers on stderr, nothing on stdout), 64 usage error.
)";

std::string to_base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t chunk = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) chunk |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(chunk >> 18) & 63];
    out += kAlphabet[(chunk >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[chunk & 63] : '=';
  }
  return out;
}

// The guides of `document` and the pointer of each.
std::vector<std::pair<const boost::json::value*, std::string>> guides_in(
    const boost::json::value& document, cairn::json::Problems& problems) {
  std::vector<std::pair<const boost::json::value*, std::string>> guides;
  const boost::json::array* list = document.if_array();
  std::string prefix;
  if (const boost::json::object* object = document.if_object(); object && object->contains("guides")) {
    list = object->at("guides").if_array();
    prefix = "/guides";
    if (!list) problems.add("/guides", "must be an array of guides");
  }
  if (list) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      guides.emplace_back(&(*list)[i], prefix + "/" + std::to_string(i));
    }
  } else if (prefix.empty()) {
    guides.emplace_back(&document, "");
  }
  return guides;
}

}  // namespace

int main(int argc, char** argv) {
  using cairn::tools::report_failure;
  cairn::tools::Arguments args = cairn::tools::parse_arguments(argc, argv, "--base64");
  if (args.help || args.usage_error) {
    (args.help ? std::cout : std::cerr) << kUsage;
    return args.help ? 0 : kExitUsage;
  }
  std::string error;
  std::optional<std::string> text = cairn::tools::read_input(args.path, kMaxInputBytes, error);
  if (!text) {
    report_failure(error, {});
    return kExitBadInput;
  }

  cairn::json::Problems problems;
  // Depth: the list, a guide, and the guide's own nesting (json::ParseLimits).
  auto document = cairn::json::parse_document(*text, problems, {.max_bytes = kMaxInputBytes, .max_depth = 40});
  std::vector<cairn::guide::Guide> guides;
  if (document) {
    for (const auto& [value, pointer] : guides_in(*document, problems)) {
      if (auto guide = cairn::guide::parse_guide(*value, pointer, problems)) guides.push_back(std::move(*guide));
    }
  }
  if (!problems.empty()) {
    report_failure("invalid guides", problems.to_json());
    return kExitBadInput;
  }
  std::string packed = cairn::guide::pack_guides(guides);
  if (args.flag) {
    std::cout << to_base64(packed) << "\n";
  } else {
    std::fwrite(packed.data(), 1, packed.size(), stdout);
  }
  std::fflush(stdout);
  return 0;
}
