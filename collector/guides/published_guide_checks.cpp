#include "guides/published_guide_checks.h"

#include "guides/guide_validation.h"

#include <boost/json/parse.hpp>

namespace cairn::guides {

json::Problems PublishedGuideChecks::problems(const GuideRecord& guide) {
  if (guide.status != "published" || !guide.published_version) return {};
  const std::int64_t version = *guide.published_version;
  const std::pair<std::string, std::string> key{guide.app_id, guide.id};
  {
    std::lock_guard lock(mutex_);
    auto it = checked_.find(key);
    if (it != checked_.end() && it->second.version == version) return it->second.problems;
  }
  // Checked outside the lock: two requests racing both check, with the same verdict.
  std::optional<GuideVersion> v = store_.version(guide.app_id, guide.id, version);
  if (!v) return {};  // Not stored (a storage error): nothing to say, and nothing remembered.
  json::Problems problems;
  boost::system::error_code ec;
  boost::json::value stored = boost::json::parse(v->guide_json, ec);
  if (const boost::json::object* o = ec ? nullptr : stored.if_object()) {
    problems = check_guide(*o);
  } else {
    problems.add("", "must be an object");
  }
  std::lock_guard lock(mutex_);
  Checked& slot = checked_[key];
  if (slot.version <= version) slot = Checked{version, problems};
  return problems;
}

void PublishedGuideChecks::forget_app(const std::string& app_id) {
  std::lock_guard lock(mutex_);
  auto it = checked_.lower_bound({app_id, std::string()});
  while (it != checked_.end() && it->first.first == app_id) it = checked_.erase(it);
}

std::size_t PublishedGuideChecks::remembered() {
  std::lock_guard lock(mutex_);
  return checked_.size();
}

}  // namespace cairn::guides
