// EditorToken: the short-lived credential that lets the editor drive the SDK
// in the customer's app (docs/editor-bridge.md). The collector signs one for a
// logged-in account; the SDK presents it, with its write key, to
// POST /v1/editor/verify, and the collector checks it here.
//
// Wire format (opaque to the editor and the SDK):
//   base64url(payload) "." base64url(HMAC-SHA256(secret, payload))
//   payload = app_id "." account_id "." purpose "." expires_at_ms "." editor_origin
// The ids, purpose and time never contain '.', so the origin (which may) is
// everything after the fourth dot. Base64url has no padding.
//
// Verification recomputes the MAC and compares in constant time before
// reading any claim, so a forged token reveals nothing about the parser.
//
// Threading: pure functions.
#pragma once

#include <sodium.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace cairn::editor_bridge {

// Tokens live this long: enough to pick and preview, short enough that a
// leaked URL fragment is soon worthless.
inline constexpr std::int64_t kEditorTokenLifetimeMs = 10 * 60 * 1000;
// Longest token accepted for verification (real ones are ~200 bytes).
inline constexpr std::size_t kMaxEditorTokenBytes = 1024;

using EditorSecret = std::array<unsigned char, crypto_auth_hmacsha256_KEYBYTES>;

// What a token allows: `edit` everything in the bridge, `view` only highlight.
enum class EditorPurpose { edit, view };

std::string_view purpose_name(EditorPurpose purpose);
std::optional<EditorPurpose> parse_purpose(std::string_view name);

struct EditorClaims {
  std::string app_id;
  std::string account_id;
  EditorPurpose purpose = EditorPurpose::edit;
  std::int64_t expires_at_ms = 0;
  std::string editor_origin;  // the only origin whose messages the SDK accepts

  bool operator==(const EditorClaims&) const = default;
};

enum class TokenError {
  malformed,      // not two base64url parts, or a payload that does not parse
  bad_signature,  // signed with another secret, or altered
  expired,        // expires_at_ms <= now
};

std::string_view token_error_name(TokenError error);

// REQUIRES: app_id and account_id non-empty and without '.'.
std::string sign_editor_token(const EditorClaims& claims, const EditorSecret& secret);

// The claims of a token this secret signed that has not expired at `now_ms`.
std::variant<EditorClaims, TokenError> verify_editor_token(std::string_view token,
                                                           const EditorSecret& secret,
                                                           std::int64_t now_ms);

}  // namespace cairn::editor_bridge
