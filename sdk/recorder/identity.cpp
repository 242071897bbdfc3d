#include "recorder/identity.h"

#include "event/event.h"
#include "json/problems.h"
#include "json/reader.h"
#include "json/writer.h"
#include "recorder/message_id.h"

#include <boost/json/object.hpp>

namespace cairn::recorder {

namespace bj = boost::json;

bool Identity::ensure_anonymous_id(RandomSource& random) {
  if (!anonymous_id_.empty()) return false;
  anonymous_id_ = make_uuid_v4(random);
  return true;
}

void Identity::reset(RandomSource& random) {
  user_id_.clear();
  anonymous_id_ = make_uuid_v4(random);
}

void Identity::clear() {
  anonymous_id_.clear();
  user_id_.clear();
}

std::string Identity::serialize() const {
  bj::object o;
  o["v"] = 1;
  o["anonymousId"] = anonymous_id_;
  if (!user_id_.empty()) o["userId"] = user_id_;
  return json::to_text(bj::value(std::move(o)));
}

bool Identity::restore(std::string_view stored) {
  clear();
  json::Problems problems;
  std::optional<bj::value> doc = json::parse_document(stored, problems, {.max_bytes = 4096, .max_depth = 4});
  if (!doc) return false;
  json::ObjectReader r(*doc, "", problems);
  std::optional<std::int64_t> version = r.integer("v", json::Need::required, 1, 1);
  std::optional<std::string> anonymous =
      r.non_empty_string("anonymousId", json::Need::required, event::kMaxIdBytes);
  std::optional<std::string> user = r.string("userId", json::Need::optional, event::kMaxIdBytes);
  if (!problems.empty() || !version || !anonymous) return false;
  if (event::id_holds_nul(*anonymous) || (user && event::id_holds_nul(*user))) return false;
  anonymous_id_ = std::move(*anonymous);
  user_id_ = user.value_or("");
  return true;
}

}  // namespace cairn::recorder
