#include "editor_bridge/editor_token.h"

#include <charconv>

namespace cairn::editor_bridge {

namespace {

constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string to_base64url(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_encoded_len(size, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, kVariant);
  out.resize(out.size() - 1);  // the encoder's terminating NUL
  return out;
}

std::optional<std::string> from_base64url(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end, kVariant) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

using Mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

Mac mac_of(std::string_view payload, const EditorSecret& secret) {
  Mac mac{};
  crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(payload.data()),
                         payload.size(), secret.data());
  return mac;
}

// Splits off the text before the next '.', or nullopt when there is none.
std::optional<std::string_view> take_field(std::string_view& rest) {
  std::size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view field = rest.substr(0, dot);
  rest.remove_prefix(dot + 1);
  return field;
}

std::optional<EditorClaims> parse_payload(std::string_view payload) {
  EditorClaims claims;
  auto app = take_field(payload);
  auto account = take_field(payload);
  auto purpose = take_field(payload);
  auto expires = take_field(payload);
  if (!app || !account || !purpose || !expires || app->empty() || account->empty()) {
    return std::nullopt;
  }
  std::optional<EditorPurpose> p = parse_purpose(*purpose);
  if (!p) return std::nullopt;
  auto [end, ec] = std::from_chars(expires->data(), expires->data() + expires->size(),
                                   claims.expires_at_ms);
  if (ec != std::errc() || end != expires->data() + expires->size()) return std::nullopt;
  claims.app_id = *app;
  claims.account_id = *account;
  claims.purpose = *p;
  claims.editor_origin = payload;
  return claims;
}

}  // namespace

std::string_view purpose_name(EditorPurpose purpose) {
  return purpose == EditorPurpose::edit ? "edit" : "view";
}

std::optional<EditorPurpose> parse_purpose(std::string_view name) {
  if (name == "edit") return EditorPurpose::edit;
  if (name == "view") return EditorPurpose::view;
  return std::nullopt;
}

std::string_view token_error_name(TokenError error) {
  switch (error) {
    case TokenError::malformed: return "malformed";
    case TokenError::bad_signature: return "bad_signature";
    case TokenError::expired: return "expired";
  }
  return "malformed";
}

std::string sign_editor_token(const EditorClaims& claims, const EditorSecret& secret) {
  const std::string payload = claims.app_id + "." + claims.account_id + "." +
                              std::string(purpose_name(claims.purpose)) + "." +
                              std::to_string(claims.expires_at_ms) + "." + claims.editor_origin;
  const Mac mac = mac_of(payload, secret);
  return to_base64url(reinterpret_cast<const unsigned char*>(payload.data()), payload.size()) +
         "." + to_base64url(mac.data(), mac.size());
}

std::variant<EditorClaims, TokenError> verify_editor_token(std::string_view token,
                                                           const EditorSecret& secret,
                                                           std::int64_t now_ms) {
  if (token.size() > kMaxEditorTokenBytes) return TokenError::malformed;
  const std::size_t dot = token.find('.');
  if (dot == std::string_view::npos) return TokenError::malformed;
  std::optional<std::string> payload = from_base64url(token.substr(0, dot));
  std::optional<std::string> mac = from_base64url(token.substr(dot + 1));
  if (!payload || !mac) return TokenError::malformed;
  const Mac expected = mac_of(*payload, secret);
  if (mac->size() != expected.size() ||
      sodium_memcmp(mac->data(), expected.data(), expected.size()) != 0) {
    return TokenError::bad_signature;
  }
  std::optional<EditorClaims> claims = parse_payload(*payload);
  if (!claims) return TokenError::malformed;
  if (claims->expires_at_ms <= now_ms) return TokenError::expired;
  return std::move(*claims);
}

}  // namespace cairn::editor_bridge
