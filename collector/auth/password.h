// Passwords and secrets: Argon2id password hashing (libsodium crypto_pwhash_str)
// and random tokens.
//
// Limits: OPSLIMIT/MEMLIMIT_INTERACTIVE (2 passes, 64 MiB), not MODERATE
// (3 passes, 256 MiB, ~0.7 s here). The collector runs on small machines beside
// the ingest path; MODERATE would let a burst of logins take a core and a
// gigabyte. INTERACTIVE still costs an attacker 64 MiB per guess, logins are
// rate limited (login_limiter.h), and at most kMaxConcurrentHashes hashes run at
// once so memory stays bounded.
//
// Threading: all functions are thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::auth {

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 256;
inline constexpr int kMaxConcurrentHashes = 2;

// Initialises libsodium; call once at startup. False if it cannot.
bool init_crypto();

// The encoded Argon2id hash ("$argon2id$v=19$m=...") or nullopt (out of memory).
std::optional<std::string> hash_password(std::string_view password);

// True when `password` matches `encoded`. Constant time in the password.
bool verify_password(std::string_view encoded, std::string_view password);

// A password to print once for a new account: 20 characters from a 56-letter
// alphabet without look-alikes (~116 bits).
std::string generate_password();

// Constant-time equality of two strings of possibly different lengths.
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace cairn::auth
