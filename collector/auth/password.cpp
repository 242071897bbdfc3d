#include "auth/password.h"

#include <sodium.h>

#include <condition_variable>
#include <mutex>

namespace cairn::auth {

namespace {

// Bounds concurrent Argon2 computations (each allocates MEMLIMIT bytes).
class HashSlots {
 public:
  void acquire() {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [this] { return in_use_ < kMaxConcurrentHashes; });
    ++in_use_;
  }
  void release() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --in_use_;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int in_use_ = 0;
};

HashSlots& slots() {
  static HashSlots s;
  return s;
}

struct SlotGuard {
  SlotGuard() { slots().acquire(); }
  ~SlotGuard() { slots().release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;
};

}  // namespace

bool init_crypto() { return sodium_init() >= 0; }

std::optional<std::string> hash_password(std::string_view password) {
  init_crypto();
  char out[crypto_pwhash_STRBYTES];
  SlotGuard guard;
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return std::nullopt;
  }
  return std::string(out);
}

bool verify_password(std::string_view encoded, std::string_view password) {
  init_crypto();
  if (encoded.size() >= crypto_pwhash_STRBYTES) return false;
  char buf[crypto_pwhash_STRBYTES] = {};
  encoded.copy(buf, encoded.size());
  SlotGuard guard;
  return crypto_pwhash_str_verify(buf, password.data(), password.size()) == 0;
}

std::string generate_password() {
  init_crypto();
  static constexpr std::string_view kAlphabet =
      "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 20; ++i) {
    out += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return out;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace cairn::auth
