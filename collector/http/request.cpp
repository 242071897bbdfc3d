#include "http/request.h"

#include "url/percent_encoding.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace cairn::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool HeaderNameLess::operator()(std::string_view a, std::string_view b) const {
  std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    int ca = std::tolower(static_cast<unsigned char>(a[i]));
    int cb = std::tolower(static_cast<unsigned char>(b[i]));
    if (ca != cb) return ca < cb;
  }
  return a.size() < b.size();
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  auto [begin, end] = headers.equal_range(std::string_view("Cookie"));
  for (auto it = begin; it != end; ++it) {
    std::string_view rest = it->second;
    while (!rest.empty()) {
      std::size_t semi = rest.find(';');
      std::string_view pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (trim(pair.substr(0, eq)) == name) return std::string(trim(pair.substr(eq + 1)));
    }
  }
  return std::nullopt;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    std::size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    if (key != name) continue;
    if (eq == std::string_view::npos) return std::string();
    return percent_decode(pair.substr(eq + 1));
  }
  return std::nullopt;
}

std::string_view Request::path_param(std::string_view name) const {
  auto it = path_params.find(name);
  return it == path_params.end() ? std::string_view() : std::string_view(it->second);
}

std::optional<std::string> percent_decode(std::string_view in) {
  return url::percent_decode_strict(in);
}

namespace {

// Longest textual IPv6 address (with an embedded IPv4 part).
constexpr std::size_t kMaxAddressBytes = 45;

bool is_plain_address(std::string_view s) {
  if (s.empty() || s.size() > kMaxAddressBytes) return false;
  std::string text(s);  // inet_pton reads a NUL-terminated string.
  unsigned char address[sizeof(in6_addr)];
  return inet_pton(AF_INET, text.c_str(), address) == 1 ||
         inet_pton(AF_INET6, text.c_str(), address) == 1;
}

}  // namespace

std::string client_address(const Headers& headers, std::string_view peer, bool trust_proxy) {
  if (!trust_proxy) return std::string(peer);
  std::string_view last;
  auto [begin, end] = headers.equal_range(std::string_view("X-Forwarded-For"));
  for (auto it = begin; it != end; ++it) {
    std::string_view value = it->second;
    std::size_t comma = value.rfind(',');
    std::string_view entry = trim(comma == std::string_view::npos ? value : value.substr(comma + 1));
    if (!entry.empty()) last = entry;
  }
  return is_plain_address(last) ? std::string(last) : std::string(peer);
}

}  // namespace cairn::http
