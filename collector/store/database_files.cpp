#include "store/database_files.h"

#include <sys/stat.h>
#include <sys/statvfs.h>

namespace cairn::store {

namespace {

std::int64_t file_bytes(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return 0;
  return static_cast<std::int64_t>(st.st_size);
}

}  // namespace

DatabaseFiles measure_database_files(const std::string& path) {
  DatabaseFiles out;
  out.database_bytes = file_bytes(path);
  out.wal_bytes = file_bytes(path + "-wal");
  struct statvfs fs {};
  if (statvfs(path.c_str(), &fs) == 0) {
    out.available_bytes = static_cast<std::int64_t>(fs.f_bavail) * static_cast<std::int64_t>(fs.f_frsize);
  }
  return out;
}

}  // namespace cairn::store
