#include "json/syntax_problem.h"

#include "json/compact_writer.h"

#include <string>

namespace cairn::json {

void add_syntax_problem(Problems& problems, std::size_t offset, std::string_view what) {
  std::string reason = "invalid JSON at byte " + integer_text(offset) + ": ";
  reason += what;
  problems.add("", std::move(reason));
}

void add_depth_problem(Problems& problems, std::size_t max_depth) {
  problems.add("", "nesting deeper than " + integer_text(max_depth) + " levels");
}

}  // namespace cairn::json
