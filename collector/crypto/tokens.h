// Random identifiers and token digests, the collector's one use of libsodium
// for them: ids ("app_", "acc_", "g_" + hex), session and write-key secrets,
// and the SHA-256 under which high-entropy secrets are stored (a plain hash is
// enough when the secret has ≥ 128 random bits: there is no dictionary to try).
// Passwords are not high-entropy: they use auth/password.h (Argon2id).
//
// Threading: thread-safe (libsodium is initialised on first use).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cairn::crypto {

// `bytes` bytes from the operating system's CSPRNG as lowercase hex
// (2 * bytes characters).
std::string random_hex(std::size_t bytes);

// Lowercase hex SHA-256 of `text` (64 characters).
std::string sha256_hex(std::string_view text);

}  // namespace cairn::crypto
