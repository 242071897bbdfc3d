// Storage: where the recorder keeps what must survive a reload (the offline
// queue and the user's ids). The browser adapter maps it to localStorage; tests
// use MemoryStorage, which can also refuse writes like a full quota does.
// Values are UTF-8 JSON text. The recorder treats whatever it reads back as
// untrusted (another tab, an extension or a disk error may have changed it).
//
// Threading: used by one Recorder on one thread.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::recorder {

class Storage {
 public:
  virtual ~Storage() = default;
  // The value stored under `key`; nullopt when there is none or it cannot be read.
  virtual std::optional<std::string> read(std::string_view key) = 0;
  // Stores `value` under `key`, replacing any previous one. Returns false when
  // the store refused (quota exceeded, storage disabled); the old value may remain.
  virtual bool write(std::string_view key, std::string_view value) = 0;
  // Removes `key`; removing an absent key is fine.
  virtual void remove(std::string_view key) = 0;
};

// An in-memory Storage for tests and native hosts. `capacity_bytes` bounds the
// sum of value sizes, like a browser's quota.
class MemoryStorage final : public Storage {
 public:
  explicit MemoryStorage(std::size_t capacity_bytes = 5 * 1024 * 1024)
      : capacity_bytes_(capacity_bytes) {}

  std::optional<std::string> read(std::string_view key) override;
  bool write(std::string_view key, std::string_view value) override;
  void remove(std::string_view key) override;

  std::size_t writes() const { return writes_; }
  bool contains(std::string_view key) const { return values_.find(key) != values_.end(); }

 private:
  std::size_t capacity_bytes_;
  std::size_t writes_ = 0;
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace cairn::recorder
