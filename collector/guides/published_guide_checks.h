// What the guide codec refuses in each guide's published version, for the
// admin API: the guide answer lists it ("published_problems") and the guide
// list flags the guides it makes unserved ("published_refused"), so an author
// scanning the list sees which guides GET /v1/guides leaves out (a version
// published under older rules, guides/packed_guides.h).
//
// A published version never changes (a publish or rollback makes a new one),
// so each is checked once per process and remembered: the list does not parse
// every published guide on every load. One entry per guide (its newest
// checked version), so memory grows with the guides, not with their history;
// a deleted app's entries go with it (forget_app, called by the app deletion
// route), so it does not grow with apps created and deleted either.
//
// Threading: thread-safe; the store must outlive it.
#pragma once

#include "guides/guide_store.h"
#include "json/problems.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace cairn::guides {

class PublishedGuideChecks {
 public:
  explicit PublishedGuideChecks(GuideStore& store) : store_(store) {}

  // What the codec refuses in `guide`'s published version; empty unless the
  // guide is published (an archived guide is not served at all).
  json::Problems problems(const GuideRecord& guide);

  // Drops what is remembered for `app_id`'s guides: the app was deleted and
  // none of them will be asked for again.
  void forget_app(const std::string& app_id);

  // Guides remembered now.
  std::size_t remembered();

 private:
  struct Checked {
    std::int64_t version = 0;
    json::Problems problems;
  };
  GuideStore& store_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Checked> checked_;  // (app id, guide id).
};

}  // namespace cairn::guides
