// cairn-locate: reads {"target": <fingerprint>, "candidates": [<descriptor>...],
// "locale": "..."} from a file or stdin and prints where the target is:
// {"match": <index or null>, "confidence": ..., "runner_up": ..., "reason": ...}.
// Bad input: a JSON error with every problem's pointer on stderr, exit code 2.
#include "cli/tool_cli.h"
#include "json/reader.h"
#include "locator/fingerprint_builder.h"
#include "locator/fingerprint_codec.h"
#include "locator/locate_request.h"
#include "locator/matcher.h"

#include <boost/json/serialize.hpp>

#include <iostream>
#include <string>

namespace {

constexpr int kExitBadInput = 2;
constexpr int kExitUsage = 64;
// Requests carry whole pages (up to 20,000 descriptors of up to a few KB each).
constexpr std::size_t kMaxRequestBytes = 256u << 20;

constexpr const char* kUsage = R"(Usage: cairn-locate [FILE]
       cairn-locate --capture [FILE]

Finds a guide step's target element among the current page's elements.
Reads one JSON request from FILE, or from standard input when FILE is absent or "-":

  {"target": <fingerprint>, "candidates": [<descriptor>, ...], "locale": "de-DE"}

and prints one line:

  {"match": <index or null>, "confidence": 0.93,
   "runner_up": {"index": 7, "confidence": 0.41} | null, "reason": "matched"}

reason is matched, no_candidates, not_convincing (best below the threshold) or
ambiguous (the best two too close to call). Formats: docs/fingerprint.md.

With --capture, reads {"candidates": [<descriptor>, ...], "self_index": 12,
"locale": "en-US"} (the page and the element the author picked) and prints the
fingerprint a guide step would store.

Exit codes: 0 answered (found or not), 2 the request is invalid (a JSON list of
problems with JSON pointers on stderr), 64 usage error.
)";

}  // namespace

int main(int argc, char** argv) {
  using cairn::tools::report_failure;
  cairn::tools::Arguments args = cairn::tools::parse_arguments(argc, argv, "--capture");
  if (args.help || args.usage_error) {
    (args.help ? std::cout : std::cerr) << kUsage;
    return args.help ? 0 : kExitUsage;
  }
  const bool capture = args.flag;
  std::string error;
  std::optional<std::string> text = cairn::tools::read_input(args.path, kMaxRequestBytes, error);
  if (!text) {
    report_failure(error, {});
    return kExitBadInput;
  }

  cairn::json::Problems problems;
  auto document = cairn::json::parse_document(*text, problems, {.max_bytes = kMaxRequestBytes, .max_depth = 32});
  if (capture) {
    std::optional<cairn::locator::CaptureRequest> page;
    if (document) page = cairn::locator::read_capture_request(*document, problems);
    if (!page) {
      report_failure("invalid capture request", problems.to_json());
      return kExitBadInput;
    }
    cairn::locator::PageContext context{page->candidates, page->self_index, page->locale};
    cairn::locator::Fingerprint fingerprint =
        cairn::locator::fingerprint_from_descriptor(page->candidates[page->self_index], context);
    std::cout << boost::json::serialize(cairn::locator::write_fingerprint(fingerprint)) << "\n";
    return 0;
  }
  std::optional<cairn::locator::LocateRequest> request;
  if (document) request = cairn::locator::read_locate_request(*document, problems);
  if (!request) {
    report_failure("invalid request", problems.to_json());
    return kExitBadInput;
  }
  cairn::locator::Matcher matcher(request->target);
  cairn::locator::MatchResult result = matcher.match(request->candidates, request->locale);
  std::cout << boost::json::serialize(cairn::locator::write_match_result(result)) << "\n";
  return 0;
}
