// Identity: who the recorded events are about. Every browser gets a random
// anonymousId (a UUIDv4) the first time it records; identify() adds the host's
// userId; reset() (log out) forgets the userId and draws a new anonymousId so
// the next person on this browser is not joined to the previous one. Both ids
// are persisted apart from the queue, so a corrupted queue never splits a
// user's history in two.
//
// Stored form, version 1: {"v":1,"anonymousId":"<uuid>","userId":"<id or absent>"}
// An unreadable stored identity is replaced by a fresh one.
//
// Threading: owned by one Recorder; not thread-safe.
#pragma once

#include "recorder/random_source.h"

#include <string>
#include <string_view>

namespace cairn::recorder {

class Identity {
 public:
  const std::string& anonymous_id() const { return anonymous_id_; }
  const std::string& user_id() const { return user_id_; }
  bool empty() const { return anonymous_id_.empty(); }

  // Draws an anonymousId if there is none. Returns true when it drew one.
  bool ensure_anonymous_id(RandomSource& random);
  void set_user_id(std::string user_id) { user_id_ = std::move(user_id); }
  // Forgets the userId and draws a new anonymousId.
  void reset(RandomSource& random);
  // Forgets both ids (consent revoked).
  void clear();

  // The key events are sampled by: userId when known, else anonymousId.
  const std::string& sampling_key() const { return user_id_.empty() ? anonymous_id_ : user_id_; }

  std::string serialize() const;
  // Replaces this identity with the stored one. Returns false (and leaves the
  // identity empty) when `stored` is not a valid stored identity.
  bool restore(std::string_view stored);

 private:
  std::string anonymous_id_;
  std::string user_id_;
};

}  // namespace cairn::recorder
