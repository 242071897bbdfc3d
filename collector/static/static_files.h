// StaticFiles: serves one configured directory under a URL prefix (the built
// SDK at /sdk/, the editor at /editor/, the dashboard at /dashboard/).
//
// Safety: a path is refused (404) if any segment is empty, ".", "..", starts
// with "." or holds a backslash, and the resolved file must lie inside the
// directory after following symlinks, so nothing outside it can be read.
// Encoding: with Accept-Encoding: gzip, "<file>.gz" is sent if it exists, else
// compressible types over kMinCompressBytes are gzipped on the fly (and kept in
// a bounded cache). ETag from size and modification time; If-None-Match → 304.
// Paths without an extension that name no file fall back to index.html, so
// single-page apps can use history routing.
// Sharing: the SDK's files are read by vendors' pages on other origins (a
// module script and the wasm fetch are CORS requests), so a cross_origin mount
// marks every answer, 304s and errors included, as readable by any origin; the
// editor and dashboard are the collector's own pages and stay same-origin,
// with a Content-Security-Policy (own scripts, styles and API only) and no
// framing by other pages (frame-ancestors 'none', X-Frame-Options: DENY).
//
// Threading: serve() is thread-safe.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "http/router.h"

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace cairn::static_files {

class StaticFiles {
 public:
  static constexpr std::size_t kMaxFileBytes = 64 * 1024 * 1024;
  static constexpr std::size_t kMinCompressBytes = 1024;
  static constexpr std::size_t kMaxCompressedCacheBytes = 32 * 1024 * 1024;

  // `root` must exist; check with valid().
  StaticFiles(std::string root, std::string cache_control);

  bool valid() const { return !root_.empty(); }
  // Serves the path `relative` (the part after the prefix) for `request`.
  http::Response serve(const http::Request& request, std::string_view relative);

 private:
  std::string root_;  // Canonical absolute path, no trailing slash.
  std::string cache_control_;
  std::mutex cache_mutex_;
  std::map<std::string, std::string> gzip_cache_;  // Key: path + ETag.
  std::size_t gzip_cache_bytes_ = 0;
};

enum class Sharing {
  same_origin,   // Pages of the collector itself (/editor/, /dashboard/).
  cross_origin,  // Files other sites load (/sdk/): CORS for any origin.
};

// Adds GET routes "<prefix>/*" (and "<prefix>") serving `dir`, and for
// Sharing::cross_origin an OPTIONS route answering CORS preflights. Returns ""
// or why the directory cannot be served. The StaticFiles lives as long as the
// router's handler.
std::string add_static_routes(http::Router& router, const std::string& prefix,
                              const std::string& dir, const std::string& cache_control,
                              Sharing sharing);

// MIME type by extension ("application/wasm" for .wasm).
std::string_view content_type_for(std::string_view path);

// gzip (RFC 1952) of `data` at the given zlib level; empty on failure.
std::string gzip_compress(std::string_view data, int level);

}  // namespace cairn::static_files
