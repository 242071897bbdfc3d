#include "static/static_files.h"

#include "guides/sdk_guides_api.h"

#include <sys/stat.h>
#include <zlib.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace cairn::static_files {

namespace {

std::string canonical(const std::string& path) {
  char buf[PATH_MAX];
  if (!realpath(path.c_str(), buf)) return {};
  return buf;
}

bool safe_relative(std::string_view relative) {
  if (relative.size() > 1024) return false;
  std::size_t i = 0;
  while (i <= relative.size()) {
    std::size_t end = relative.find('/', i);
    if (end == std::string_view::npos) end = relative.size();
    std::string_view segment = relative.substr(i, end - i);
    if (end == relative.size() && segment.empty()) break;  // Trailing slash.
    if (segment.empty() || segment.front() == '.' ||
        segment.find('\\') != std::string_view::npos ||
        segment.find('\0') != std::string_view::npos) {
      return false;
    }
    i = end + 1;
  }
  return true;
}

bool compressible(std::string_view type) {
  return type.rfind("text/", 0) == 0 || type.find("javascript") != std::string_view::npos ||
         type.find("json") != std::string_view::npos || type == "image/svg+xml" ||
         type == "application/wasm";
}

std::optional<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  std::string data = out.str();
  if (data.size() > max_bytes) return std::nullopt;
  return data;
}

// Marks a response of a cross_origin mount as readable from any origin.
// "*" rather than echoing the page's Origin: the files are public and the same
// for everyone, they set and read no cookies, and the SDK fetches them without
// credentials (a module script without a crossorigin attribute and the wasm
// fetch with credentials: 'omit'), so nothing private can leak. It also keeps
// one cached copy per encoding: no Vary: Origin is needed, so Vary stays
// Accept-Encoding. CORP lets pages with Cross-Origin-Embedder-Policy load them.
void allow_any_origin(http::Response& r) {
  r.set_header("Access-Control-Allow-Origin", "*");
  r.set_header("Cross-Origin-Resource-Policy", "cross-origin");
}

// The editor and dashboard show strings anyone holding an app's public write
// key can send (event names, page URLs, element texts, user ids) and act with
// an admin's session. They render text only (editor/src/shared/dom.ts); the
// policy is the second line: only the collector's own scripts, styles and API
// run there, so markup that ever slipped through would run nothing. Framing is
// refused because SameSite=Strict does not stop it from a sibling subdomain
// (app.example.com framing cairn.example.com is same-site, the session cookie
// is sent), which would let that page trick an admin into clicks (publish,
// delete, change roles). img-src allows data: for the pages' inline icon.
constexpr const char* kOwnPagePolicy =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

void protect_own_page(http::Response& r) {
  r.set_header("Content-Security-Policy", kOwnPagePolicy);
  r.set_header("X-Frame-Options", "DENY");
}

// Browsers send no preflight for the SDK's own requests (GET without custom
// headers), but a page that revalidates with its own fetch() and an
// If-None-Match header does: allow exactly what serve() reads.
http::Response preflight_answer() {
  http::Response r;
  r.status = 204;
  allow_any_origin(r);
  r.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
  r.set_header("Access-Control-Allow-Headers", "If-None-Match");
  r.set_header("Access-Control-Max-Age", "86400");
  return r;
}

}  // namespace

std::string_view content_type_for(std::string_view path) {
  struct Type {
    std::string_view ext;
    std::string_view type;
  };
  static constexpr Type kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".wasm", "application/wasm"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const Type& t : kTypes) {
    if (path.size() >= t.ext.size() && path.substr(path.size() - t.ext.size()) == t.ext) {
      return t.type;
    }
  }
  return "application/octet-stream";
}

std::string gzip_compress(std::string_view data, int level) {
  z_stream zs{};
  // windowBits 15 + 16: gzip wrapper instead of zlib's.
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  std::size_t produced = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return {};
  out.resize(produced);
  return out;
}

StaticFiles::StaticFiles(std::string root, std::string cache_control)
    : root_(canonical(root)), cache_control_(std::move(cache_control)) {}

http::Response StaticFiles::serve(const http::Request& request, std::string_view relative) {
  if (!safe_relative(relative)) return http::error_response(404, "not_found", "no such file");
  std::string rel(relative);
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  std::string path = canonical(root_ + "/" + rel);
  struct stat st{};
  bool found = !path.empty() && stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
  if (!found) {
    std::string_view last = std::string_view(rel).substr(rel.rfind('/') + 1);
    if (last.find('.') != std::string_view::npos) {
      return http::error_response(404, "not_found", "no such file");
    }
    path = canonical(root_ + "/index.html");  // Single-page app route.
    found = !path.empty() && stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    if (!found) return http::error_response(404, "not_found", "no such file");
  }
  if (path.rfind(root_ + "/", 0) != 0) return http::error_response(404, "not_found", "no such file");
  if (static_cast<std::size_t>(st.st_size) > kMaxFileBytes) {
    return http::error_response(404, "not_found", "file too large to serve");
  }

  char etag_buf[64];
  std::snprintf(etag_buf, sizeof etag_buf, "\"%llx-%llx\"",
                static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ULL +
                    static_cast<unsigned long long>(st.st_mtim.tv_nsec),
                static_cast<unsigned long long>(st.st_size));
  std::string etag = etag_buf;
  std::string_view type = content_type_for(path);

  http::Response r;
  r.set_header("ETag", etag);
  r.set_header("Cache-Control", cache_control_);
  r.set_header("Vary", "Accept-Encoding");
  if (auto inm = request.header("If-None-Match"); inm && guides::etag_matches(*inm, etag)) {
    r.status = 304;
    return r;
  }
  r.set_header("Content-Type", std::string(type));

  bool accepts_gzip = false;
  if (auto ae = request.header("Accept-Encoding")) accepts_gzip = ae->find("gzip") != std::string_view::npos;
  if (accepts_gzip) {
    struct stat gz{};
    std::string gz_path = path + ".gz";
    if (stat(gz_path.c_str(), &gz) == 0 && S_ISREG(gz.st_mode)) {
      if (auto data = read_file(gz_path, kMaxFileBytes)) {
        r.body = std::move(*data);
        r.set_header("Content-Encoding", "gzip");
        return r;
      }
    }
  }
  std::optional<std::string> data = read_file(path, kMaxFileBytes);
  if (!data) return http::error_response(404, "not_found", "file could not be read");
  if (accepts_gzip && compressible(type) && data->size() >= kMinCompressBytes) {
    std::string key = path + etag;
    {
      std::lock_guard<std::mutex> lock(cache_mutex_);
      if (auto it = gzip_cache_.find(key); it != gzip_cache_.end()) {
        r.body = it->second;
        r.set_header("Content-Encoding", "gzip");
        return r;
      }
    }
    std::string compressed = gzip_compress(*data, Z_BEST_COMPRESSION);
    if (!compressed.empty() && compressed.size() < data->size()) {
      std::lock_guard<std::mutex> lock(cache_mutex_);
      if (gzip_cache_bytes_ + compressed.size() > kMaxCompressedCacheBytes) {
        gzip_cache_.clear();
        gzip_cache_bytes_ = 0;
      }
      gzip_cache_bytes_ += compressed.size();
      gzip_cache_[key] = compressed;
      r.body = std::move(compressed);
      r.set_header("Content-Encoding", "gzip");
      return r;
    }
  }
  r.body = std::move(*data);
  return r;
}

std::string add_static_routes(http::Router& router, const std::string& prefix,
                              const std::string& dir, const std::string& cache_control,
                              Sharing sharing) {
  auto files = std::make_shared<StaticFiles>(dir, cache_control);
  if (!files->valid()) return "static directory " + dir + " does not exist";
  const bool cross_origin = sharing == Sharing::cross_origin;
  router.add_sync("GET", prefix + "/*", [files, prefix, cross_origin](const http::Request& request) {
    http::Response r;
    // The router drops empty segments; the raw path keeps the trailing slash
    // that distinguishes a directory from a file.
    if (request.path == prefix) {
      r.status = 308;
      r.set_header("Location", prefix + "/");
    } else {
      r = files->serve(request, std::string_view(request.path).substr(prefix.size() + 1));
    }
    if (cross_origin) {
      allow_any_origin(r);
    } else {
      protect_own_page(r);
    }
    return r;
  });
  if (cross_origin) {
    router.add_sync("OPTIONS", prefix + "/*", [](const http::Request&) { return preflight_answer(); });
  }
  return "";
}

}  // namespace cairn::static_files
