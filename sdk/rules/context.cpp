#include "rules/context.h"

#include "url/percent_encoding.h"

#include <algorithm>

namespace cairn::rules {

UrlParts split_url(std::string_view url) {
  UrlParts parts;
  std::size_t scheme = url.find("://");
  std::size_t first_special = url.find_first_of("/?#");
  if (scheme != std::string_view::npos && scheme < first_special) {
    std::size_t authority_end = url.find_first_of("/?#", scheme + 3);
    url = authority_end == std::string_view::npos ? std::string_view() : url.substr(authority_end);
  }
  std::size_t hash = url.find('#');
  if (hash != std::string_view::npos) {
    parts.hash = std::string(url.substr(hash + 1));
    url = url.substr(0, hash);
  }
  std::size_t question = url.find('?');
  std::string_view query;
  if (question != std::string_view::npos) {
    query = url.substr(question + 1);
    url = url.substr(0, question);
  }
  std::string path;
  path.reserve(url.size() + 1);
  if (url.empty() || url.front() != '/') path.push_back('/');
  path.append(url.data(), url.size());
  parts.path = std::move(path);
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string_view name = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    parts.query.emplace_back(url::percent_decode_form(name), url::percent_decode_form(value));
  }
  return parts;
}

void insert_time(std::vector<std::int64_t>& times, std::int64_t time_ms) {
  times.push_back(time_ms);
  for (std::size_t i = times.size() - 1; i > 0 && times[i - 1] > time_ms; --i) {
    std::swap(times[i - 1], times[i]);
  }
}

void EventLog::add(std::string_view event, std::int64_t time_ms) {
  auto it = times_.find(event);
  if (it == times_.end()) it = times_.emplace(std::string(event), std::vector<std::int64_t>()).first;
  std::vector<std::int64_t>& times = it->second;
  insert_time(times, time_ms);
  if (times.size() > kMaxPerEvent) times.erase(times.begin());
}

std::int64_t EventLog::count(std::string_view event, std::int64_t from_ms,
                             std::int64_t to_ms) const {
  auto it = times_.find(event);
  if (it == times_.end() || from_ms > to_ms) return 0;
  const std::vector<std::int64_t>& times = it->second;
  auto lo = std::lower_bound(times.begin(), times.end(), from_ms);
  auto hi = std::upper_bound(times.begin(), times.end(), to_ms);
  return hi - lo;
}

void note_seen(GuideRecord& record, std::string_view session_id, std::int64_t now_ms,
               bool held_out) {
  ++record.seen_count;
  if (held_out) ++record.held_out_count;
  record.last_seen_ms = now_ms;
  record.last_seen_session = std::string(session_id);
  std::vector<std::int64_t>& starts = record.recent_starts_ms;
  insert_time(starts, now_ms);
  if (starts.size() > GuideRecord::kMaxRecentStarts) {
    starts.erase(starts.begin(),
                 starts.begin() + static_cast<std::ptrdiff_t>(starts.size() -
                                                              GuideRecord::kMaxRecentStarts));
  }
}

void note_completed(GuideRecord& record, std::int64_t now_ms) {
  ++record.completed_count;
  record.last_completed_ms = now_ms;
}

void note_dismissed(GuideRecord& record, std::int64_t now_ms) {
  ++record.dismissed_count;
  record.last_dismissed_ms = now_ms;
}

const GuideRecord* GuideHistory::find(std::string_view guide_id) const {
  auto it = guides.find(guide_id);
  return it == guides.end() ? nullptr : &it->second;
}

}  // namespace cairn::rules
