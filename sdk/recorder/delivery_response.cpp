#include "recorder/delivery_response.h"

#include "json/problems.h"
#include "json/reader.h"

#include <boost/json/value.hpp>

#include <algorithm>

namespace cairn::recorder {

namespace bj = boost::json;

namespace {

constexpr std::size_t kMaxReasonBytes = 512;

// A string field clipped to kMaxReasonBytes; empty when absent or not a string.
std::string_view text_of(const bj::value* v) {
  const bj::string* s = v ? v->if_string() : nullptr;
  if (!s) return {};
  return std::string_view(s->data(), std::min(s->size(), kMaxReasonBytes));
}

std::string summarise_problems(const bj::array& problems) {
  std::string out;
  for (const bj::value& p : problems) {
    const bj::object* o = p.if_object();
    if (!o) continue;
    const std::string_view reason = text_of(o->if_contains("reason"));
    if (reason.empty()) continue;
    const std::string_view pointer = text_of(o->if_contains("pointer"));
    if (!out.empty()) out += "; ";
    if (!pointer.empty()) {
      out += pointer;
      out += ": ";
    }
    out += reason;
    if (out.size() > kMaxReasonBytes) break;
  }
  return out;
}

std::optional<bj::value> parse_body(std::string_view body) {
  if (body.empty()) return std::nullopt;
  json::Problems problems;
  return json::parse_document(body, problems, {.max_bytes = 4 * 1024 * 1024, .max_depth = 16});
}

// N from a pointer "/batch/N" or "/batch/N/...".
std::optional<std::size_t> batch_index(std::string_view pointer) {
  constexpr std::string_view kPrefix = "/batch/";
  if (pointer.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::size_t i = kPrefix.size();
  std::size_t n = 0;
  const std::size_t start = i;
  while (i < pointer.size() && pointer[i] >= '0' && pointer[i] <= '9' && i - start < 9) {
    n = n * 10 + static_cast<std::size_t>(pointer[i] - '0');
    ++i;
  }
  if (i == start || (i < pointer.size() && pointer[i] != '/')) return std::nullopt;
  return n;
}

// Rejections from an error answer's problem list, one per batch index.
void add_error_problems(const bj::object& error, std::vector<ServerRejection>& out) {
  const bj::value* list = error.if_contains("problems");
  const bj::array* problems = list ? list->if_array() : nullptr;
  if (!problems) return;
  for (const bj::value& p : *problems) {
    const bj::object* o = p.if_object();
    if (!o) continue;
    const std::string_view pointer = text_of(o->if_contains("pointer"));
    const std::string_view reason = text_of(o->if_contains("reason"));
    std::optional<std::size_t> index = batch_index(pointer);
    if (!index || reason.empty()) continue;
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const ServerRejection& r) { return r.index == index; });
    std::string* text;  // Appended to in place: no temporary strings.
    if (same != out.end()) {
      if (same->reason.size() >= kMaxReasonBytes) continue;
      text = &same->reason;
      *text += "; ";
    } else {
      if (out.size() >= kMaxServerRejections) continue;
      out.push_back(ServerRejection{index, {}, {}});
      text = &out.back().reason;
    }
    *text += pointer;
    *text += ": ";
    *text += reason;
  }
}

}  // namespace

std::string read_error_summary(std::string_view body) {
  std::optional<bj::value> doc = parse_body(body);
  const bj::object* root = doc ? doc->if_object() : nullptr;
  const bj::value* error = root ? root->if_contains("error") : nullptr;
  const bj::object* e = error ? error->if_object() : nullptr;
  if (!e) return {};
  const std::string_view code = text_of(e->if_contains("code"));
  const std::string_view message = text_of(e->if_contains("message"));
  std::string out(code);
  if (!code.empty() && !message.empty()) out += ": ";
  out += message;
  return out;
}

std::vector<ServerRejection> read_server_rejections(std::string_view body) {
  std::vector<ServerRejection> out;
  std::optional<bj::value> doc = parse_body(body);
  const bj::object* root = doc ? doc->if_object() : nullptr;
  if (!root) return out;
  if (const bj::value* error = root->if_contains("error"); error && error->is_object()) {
    add_error_problems(error->get_object(), out);
  }
  const bj::value* list = root->if_contains("rejected");
  if (!list) list = root->if_contains("errors");
  const bj::array* entries = list ? list->if_array() : nullptr;
  if (!entries) return out;
  for (const bj::value& entry : *entries) {
    if (out.size() >= kMaxServerRejections) break;
    const bj::object* o = entry.if_object();
    if (!o) continue;
    ServerRejection r;
    if (const bj::value* index = o->if_contains("index")) {
      if (const std::int64_t* i = index->if_int64(); i && *i >= 0) {
        r.index = static_cast<std::size_t>(*i);
      } else if (const std::uint64_t* u = index->if_uint64()) {
        r.index = static_cast<std::size_t>(*u);
      }
    }
    r.message_id = text_of(o->if_contains("messageId"));
    if (!r.index && r.message_id.empty()) continue;
    r.reason = text_of(o->if_contains("reason"));
    if (r.reason.empty()) {
      if (const bj::value* p = o->if_contains("problems"); p && p->is_array()) {
        r.reason = summarise_problems(p->get_array());
      }
    }
    if (r.reason.empty()) r.reason = "rejected by the collector";
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace cairn::recorder
