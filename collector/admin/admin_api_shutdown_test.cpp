// The admin routes that hash passwords (login, password change, account
// creation) run on the hashing pool, never on the request's thread; one still waiting for a hash when the shutdown grace ends is
// answered 503 shutting_down with Retry-After: 1, as the queued queries are
// (http/pooled_route.h), not dropped without an answer.
#include "admin/admin_api.h"

#include "admin/schema.h"
#include "auth/password.h"
#include "clock/wall_clock.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>

using namespace cairn;

namespace {

// Holds the pool's only thread until released, so the next job waits in the queue.
class BusyThread {
 public:
  explicit BusyThread(http::WorkPool& pool) {
    REQUIRE(pool.submit([opened = opened_future_, entered = entered_] {
      entered->set_value();
      opened.wait();
    }));
    entered_->get_future().wait();
  }
  ~BusyThread() { release(); }
  void release() {
    if (!released_) opened_.set_value();
    released_ = true;
  }

 private:
  std::promise<void> opened_;
  std::shared_future<void> opened_future_ = opened_.get_future().share();
  std::shared_ptr<std::promise<void>> entered_ = std::make_shared<std::promise<void>>();
  bool released_ = false;
};

struct AdminFixture {
  admin::Database db{":memory:"};
  std::unique_ptr<admin::AppDirectory> apps;
  std::unique_ptr<auth::AccountStore> accounts;
  std::unique_ptr<auth::SessionStore> sessions;
  std::unique_ptr<auth::Authenticator> authenticator;
  auth::LoginLimiter limiter;
  std::unique_ptr<guides::GuideStore> guides;
  std::unique_ptr<guides::PublishedGuideChecks> published_checks;
  http::WorkPool hashing_pool{1, 4};
  http::Router router;
  auth::NewSession session;

  AdminFixture() {
    REQUIRE(db.valid());
    REQUIRE(admin::migrate_admin_schema(db.handle()).empty());
    apps = std::make_unique<admin::AppDirectory>(db);
    accounts = std::make_unique<auth::AccountStore>(db);
    sessions = std::make_unique<auth::SessionStore>(db);
    authenticator = std::make_unique<auth::Authenticator>(*accounts, *sessions, "");
    guides = std::make_unique<guides::GuideStore>(db);
    published_checks = std::make_unique<guides::PublishedGuideChecks>(*guides);
    admin::add_admin_routes(router, admin::AdminDeps{db, *apps, *accounts, *sessions, *authenticator, limiter,
                                                     *guides, *published_checks, hashing_pool});
    auth::Account account;
    std::optional<std::string> hash = auth::hash_password("correct horse battery");
    REQUIRE(hash);
    REQUIRE(accounts->create("admin@example.com", *hash, auth::Role::admin, wall_clock_ms(), &account) ==
            auth::CreateAccountError::none);
    std::optional<auth::NewSession> made = sessions->create(account.id, wall_clock_ms());
    REQUIRE(made);
    session = *made;
  }

  // A request made by the fixture's logged-in admin.
  http::Request admin_post(const std::string& path, const std::string& body) {
    http::Request request = post(path, body);
    request.headers.emplace("Cookie", std::string(auth::kSessionCookie) + "=" + session.token);
    request.headers.emplace(std::string(auth::kCsrfHeader), session.csrf_token);
    return request;
  }

  http::Request post(const std::string& path, const std::string& body) {
    http::Request request;
    request.method = "POST";
    request.path = request.raw_path = request.target = path;
    request.body = body;
    request.remote_ip = "127.0.0.1";
    request.headers.emplace("Content-Type", "application/json");
    return request;
  }

  // Dispatches `request` with the pool's thread busy, then does what the
  // server's grace end does (Service::refuse_queued_work), and returns the answer.
  http::Response answer_at_grace_end(http::Request request) {
    BusyThread busy(hashing_pool);
    auto answered = std::make_shared<std::promise<http::Response>>();
    router.dispatch(request, [answered](http::Response r) { answered->set_value(std::move(r)); });
    CHECK(hashing_pool.queued() == 1);
    hashing_pool.refuse_queued();
    std::future<http::Response> future = answered->get_future();
    // Before the fix the job was dropped with no answer at all.
    REQUIRE(future.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
    return future.get();
  }
};

void check_shutting_down(const http::Response& r) {
  CHECK(r.status == 503);
  CHECK(r.header("Retry-After") == "1");
  CHECK(r.body.find("\"code\":\"shutting_down\"") != std::string::npos);
}

}  // namespace

TEST_CASE("a login still waiting for a hash when the shutdown grace ends is answered 503 shutting_down") {
  AdminFixture f;
  http::Response r = f.answer_at_grace_end(
      f.post("/api/login", R"({"email": "admin@example.com", "password": "correct horse battery"})"));
  check_shutting_down(r);
  CHECK(r.header("Set-Cookie").empty());
}

TEST_CASE("a password change still waiting for a hash when the shutdown grace ends is answered 503 shutting_down") {
  AdminFixture f;
  http::Response r = f.answer_at_grace_end(f.admin_post(
      "/api/me/password", R"({"current_password": "correct horse battery", "new_password": "a new long password"})"));
  check_shutting_down(r);
  CHECK(r.header("Cache-Control") == "no-store");
  // Not run: the old password still logs in.
  std::string stored;
  REQUIRE(f.accounts->find_by_email("admin@example.com", &stored));
  CHECK(auth::verify_password(stored, "correct horse battery"));
}

TEST_CASE("an account creation hashes its password on the hashing pool, not on the request's thread") {
  AdminFixture f;
  const std::string body = R"({"email": "new@example.com", "role": "editor", "password": "a long enough password"})";
  auto answered = std::make_shared<std::promise<http::Response>>();
  std::future<http::Response> future = answered->get_future();
  {
    BusyThread busy(f.hashing_pool);
    http::Request request = f.admin_post("/api/accounts", body);
    f.router.dispatch(request, [answered](http::Response r) { answered->set_value(std::move(r)); });
    // Before the fix the hash ran inside dispatch: answered already, nothing queued.
    CHECK(f.hashing_pool.queued() == 1);
    CHECK(future.wait_for(std::chrono::milliseconds(0)) == std::future_status::timeout);
  }
  REQUIRE(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  http::Response r = future.get();
  CHECK(r.status == 201);
  CHECK(r.header("Cache-Control") == "no-store");
  std::string stored;
  REQUIRE(f.accounts->find_by_email("new@example.com", &stored));
  CHECK(auth::verify_password(stored, "a long enough password"));
}

TEST_CASE("an account creation still waiting for a hash when the shutdown grace ends is answered 503 shutting_down") {
  AdminFixture f;
  http::Response r =
      f.answer_at_grace_end(f.admin_post("/api/accounts", R"({"email": "new@example.com", "role": "viewer"})"));
  check_shutting_down(r);
  CHECK(r.body.find("\"password\"") == std::string::npos);
  CHECK_FALSE(f.accounts->find_by_email("new@example.com", nullptr));
}

TEST_CASE("an account creation finding the hashing queue full is answered 503 busy") {
  AdminFixture f;
  BusyThread busy(f.hashing_pool);
  for (int i = 0; i < 4; ++i) REQUIRE(f.hashing_pool.submit([] {}));  // The fixture's queue holds 4.
  std::optional<http::Response> answer;
  http::Request request = f.admin_post("/api/accounts", R"({"email": "new@example.com", "role": "viewer"})");
  f.router.dispatch(request, [&answer](http::Response r) { answer = std::move(r); });
  REQUIRE(answer);
  CHECK(answer->status == 503);
  CHECK(answer->header("Retry-After") == "1");
  CHECK(answer->body.find("\"code\":\"busy\"") != std::string::npos);
  CHECK_FALSE(f.accounts->find_by_email("new@example.com", nullptr));
}
