#include "json/problems.h"

#include "json/compact_writer.h"
#include "json/writer.h"

#include <boost/json/object.hpp>

namespace cairn::json {

void Problems::add(std::string pointer, std::string reason) {
  ++total_;
  if (stored_.size() < kMaxStored) stored_.push_back({std::move(pointer), std::move(reason)});
}

// The literal overloads: each std::string is made here, once, instead of at
// every call site (-155 B of the gzipped WASM, bench/sdk/RESULTS.md, session 10).
void Problems::add(const char* pointer, const char* reason) {
  add(std::string(pointer), std::string(reason));
}
void Problems::add(const char* pointer, std::string reason) {
  add(std::string(pointer), std::move(reason));
}
void Problems::add(std::string pointer, const char* reason) {
  add(std::move(pointer), std::string(reason));
}

std::string Problems::summary() const {
  std::string out;
  for (const Problem& p : stored_) {
    if (!out.empty()) out += "; ";
    out += p.pointer.empty() ? std::string("(document)") : p.pointer;
    out += ": ";
    out += p.reason;
  }
  if (total_ > stored_.size()) {
    out += "; and " + integer_text(total_ - stored_.size()) + " more problems";
  }
  return out;
}

boost::json::array Problems::to_json() const {
  boost::json::array out;
  for (const Problem& p : stored_) {
    boost::json::object problem;
    put_text(problem, "pointer", p.pointer);
    put_text(problem, "reason", p.reason);
    out.push_back(std::move(problem));
  }
  if (total_ > stored_.size()) {
    boost::json::object rest;
    put_name(rest, "pointer", "");
    put_text(rest, "reason", integer_text(total_ - stored_.size()) + " more problems not listed");
    out.push_back(std::move(rest));
  }
  return out;
}

std::string pointer_append(std::string_view base, std::string_view key) {
  std::string out(base);
  out.reserve(base.size() + key.size() + 1);
  out += '/';
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string pointer_append(std::string_view base, std::size_t index) {
  std::string out(base);
  out += '/';
  append_integer(out, index);
  return out;
}

}  // namespace cairn::json
