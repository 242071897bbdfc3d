// WriteKeyResolver: which app a presented write key belongs to, for ingest.
//
// The collector resolves keys through the admin half's AppDirectory (a SHA-256
// lookup in write_keys with a cache that revocation clears; admin/schema.h),
// wrapped by AppDirectoryResolver. Tests use their own resolver.
//
// Threading: resolve() is called from many request threads at once;
// implementations must be thread-safe.
#pragma once

#include "admin/app_directory.h"

#include <optional>
#include <string>

namespace cairn::ingest {

class WriteKeyResolver {
 public:
  virtual ~WriteKeyResolver() = default;
  // The app and its allowed origins (CORS) for an active key; nullopt for an
  // unknown or revoked key.
  virtual std::optional<admin::ResolvedKey> resolve(const std::string& write_key) = 0;
  // Whether some app allows `origin` (CORS of a refusal before the app is
  // known, admin/sdk_access.h).
  virtual bool any_app_allows_origin(const std::string& origin) = 0;
};

class AppDirectoryResolver final : public WriteKeyResolver {
 public:
  // `apps` must outlive the resolver.
  explicit AppDirectoryResolver(admin::AppDirectory& apps) : apps_(apps) {}
  std::optional<admin::ResolvedKey> resolve(const std::string& write_key) override {
    return apps_.resolve_write_key(write_key);
  }
  bool any_app_allows_origin(const std::string& origin) override { return apps_.any_app_allows_origin(origin); }

 private:
  admin::AppDirectory& apps_;
};

}  // namespace cairn::ingest
