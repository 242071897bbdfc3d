#include "admin/admin_api.h"

#include "admin/app_route.h"
#include "admin/json_body.h"
#include "auth/password.h"
#include "clock/wall_clock.h"
#include "guides/guide_revision.h"
#include "guides/guide_validation.h"
#include "guides/published_guide_checks.h"
#include "http/pooled_route.h"
#include "json/reader.h"
#include "json/utf8.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <memory>
#include <variant>

namespace cairn::admin {

namespace {

using http::Request;
using http::Response;
using auth::Permission;
using auth::Principal;

constexpr std::size_t kMaxNoteBytes = 1000;
constexpr std::size_t kMaxEmailBytes = 254;

Response not_found(std::string_view what) {
  return http::error_response(404, "not_found", std::string(what) + " not found");
}

Response storage_error() {
  return http::error_response(500, "storage_error", "the database refused the change");
}

Response invalid(json::Problems& problems) {
  return http::error_response(422, "invalid_request", problems.summary(), problems.to_json());
}

boost::json::object account_json(const auth::Account& a) {
  return {{"id", a.id},
          {"email", a.email},
          {"role", auth::role_name(a.role)},
          {"disabled", a.disabled},
          {"created_at_ms", a.created_at_ms}};
}

boost::json::object app_json(const App& app) {
  boost::json::array origins;
  for (const std::string& o : app.origins) origins.emplace_back(o);
  return {{"id", app.id},
          {"name", app.name},
          {"origins", std::move(origins)},
          {"created_at_ms", app.created_at_ms}};
}

// The answer to a change of an existing app: the app as it is now.
Response app_changed(const AdminDeps& d, const std::string& app_id, AppChange change) {
  if (change == AppChange::no_such_app) return not_found("app");
  if (change == AppChange::storage_error) return storage_error();
  std::optional<App> app = d.apps.find_app(app_id);
  if (!app) return not_found("app");
  return http::json_response(boost::json::object{{"app", app_json(*app)}});
}

boost::json::object key_json(const WriteKeyInfo& k) {
  boost::json::object o{{"id", k.id},
                        {"app_id", k.app_id},
                        {"prefix", k.prefix},
                        {"created_at_ms", k.created_at_ms},
                        {"revoked_at_ms", nullptr}};
  if (k.revoked_at_ms) o["revoked_at_ms"] = *k.revoked_at_ms;
  return o;
}

boost::json::value parse_stored(const std::string& text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) return nullptr;
  return v;
}

boost::json::object guide_json(const guides::GuideRecord& g, bool with_draft) {
  boost::json::object o{{"id", g.id},
                        {"app_id", g.app_id},
                        {"name", g.name},
                        {"status", g.status},
                        {"published_version", nullptr},
                        {"created_at_ms", g.created_at_ms},
                        {"updated_at_ms", g.updated_at_ms},
                        {"updated_by", g.updated_by},
                        {"revision", g.revision}};
  if (g.published_version) o["published_version"] = *g.published_version;
  if (with_draft) o["draft"] = parse_stored(g.draft_json);
  return o;
}

boost::json::object version_json(const guides::GuideVersion& v, bool with_guide) {
  boost::json::object o{{"guide_id", v.guide_id},
                        {"version", v.version},
                        {"published_at_ms", v.published_at_ms},
                        {"published_by", v.published_by},
                        {"note", v.note}};
  if (with_guide) o["guide"] = parse_stored(v.guide_json);
  return o;
}

// A guide in the list: the summary plus what the list shows about the
// published version (its schedule, and whether the SDK is refused it:
// `published_refused`), so the list is one request.
boost::json::object guide_listing_json(const guides::GuideListing& listing, bool published_refused) {
  boost::json::object o = guide_json(listing.guide, false);
  o["published_refused"] = published_refused;
  const guides::PublishedSchedule& schedule = listing.published_schedule;
  boost::json::object published{{"start", nullptr}, {"end", nullptr}};
  if (schedule.start) published["start"] = *schedule.start;
  if (schedule.end) published["end"] = *schedule.end;
  o["published_schedule"] = listing.guide.published_version ? boost::json::value(std::move(published))
                                                            : boost::json::value(nullptr);
  return o;
}

// A guide answer with its revision as the ETag (guides/guide_revision.h).
Response with_revision(Response r, std::int64_t revision) {
  r.set_header("ETag", guides::revision_etag(revision));
  return r;
}

// 409 naming the change that came first, with its author's email.
Response edit_conflict(const AdminDeps& d, const guides::GuideRecord& current) {
  std::optional<auth::Account> author = d.accounts.find_by_id(current.updated_by);
  return guides::edit_conflict(current, author ? author->email : "");
}

// The guide a change (draft save, publish, rollback) is based on, when the
// request's If-Match names its current revision; otherwise the refusal
// (404, 428 precondition_required, 409 edit_conflict).
std::variant<guides::GuideRecord, Response> guide_to_change(const AdminDeps& d, const Request& request,
                                                           const std::string& app_id,
                                                           const std::string& guide_id) {
  std::optional<guides::GuideRecord> g = d.guides.find(app_id, guide_id);
  if (!g) return not_found("guide");
  switch (guides::check_if_match(request.header("If-Match"), g->revision)) {
    case guides::Precondition::missing: return guides::precondition_required();
    case guides::Precondition::stale: return edit_conflict(d, *g);
    case guides::Precondition::met: break;
  }
  return std::move(*g);
}

// The answer to a change the store refused: another change came first
// between the check and the write, the guide went away, or storage failed.
Response change_refused(const AdminDeps& d, guides::ChangeOutcome outcome, const std::string& app_id,
                        const std::string& guide_id, std::string_view missing = "guide") {
  if (outcome == guides::ChangeOutcome::not_found) return not_found(missing);
  if (outcome == guides::ChangeOutcome::stale) {
    if (std::optional<guides::GuideRecord> now = d.guides.find(app_id, guide_id)) {
      return edit_conflict(d, *now);
    }
    return not_found("guide");
  }
  return storage_error();
}

// 201 {"version", "guide"} after a publish or rollback; the ETag is the new revision.
Response published_answer(const AdminDeps& d, const std::string& app_id, const std::string& guide_id,
                          std::int64_t version) {
  auto v = d.guides.version(app_id, guide_id, version);
  auto g = d.guides.find(app_id, guide_id);
  if (!v || !g) return storage_error();
  return with_revision(http::json_response(boost::json::object{{"version", version_json(*v, true)},
                                                               {"guide", guide_json(*g, false)}},
                                           201),
                       g->revision);
}

// Reads a list of origins at `key`; adds problems for anything invalid.
// An app's name, shown in the editor's and dashboard's app menus.
std::optional<std::string> read_app_name(json::ObjectReader& reader) {
  auto name = reader.non_empty_string("name", json::Need::required, AppDirectory::kMaxNameBytes);
  if (name && json::has_control_character(*name)) {
    reader.error("name", "must not contain control characters");
    return std::nullopt;
  }
  return name;
}

std::optional<std::vector<std::string>> read_origins(json::ObjectReader& reader, std::string_view key,
                                                     json::Need need) {
  const boost::json::array* array =
      reader.array(key, need, AppDirectory::kMaxOriginsPerApp);
  if (!array) return reader.has(key) ? std::nullopt : std::optional(std::vector<std::string>{});
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    std::string pointer = json::pointer_append(reader.pointer_of(key), i);
    const boost::json::string* s = (*array)[i].if_string();
    if (!s) {
      reader.problems().add(pointer, "must be a string");
      ok = false;
      continue;
    }
    std::optional<std::string> origin = normalized_origin(std::string(*s));
    if (!origin) {
      reader.problems().add(pointer, "must be an origin like https://app.example.com (no path; a port 1-65535)");
      ok = false;
      continue;
    }
    out.push_back(std::move(*origin));
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::int64_t> parse_version(std::string_view text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

using Guarded = std::function<Response(const Request&, const Principal&)>;

class Routes {
 public:
  Routes(http::Router& router, const AdminDeps& deps) : router_(router), d_(deps) {}

  // Every authenticated admin route goes through here: one Permission each.
  void guarded(std::string method, std::string pattern, Permission permission, Guarded handler) {
    AdminDeps deps = d_;
    router_.add_sync(std::move(method), std::move(pattern),
                     [deps, permission, handler = std::move(handler)](const Request& request) {
                       return answer_authorized(request, deps.authenticator, permission,
                                                [&](const Principal& principal) { return handler(request, principal); });
                     });
  }

  void add_all();

 private:
  void add_session_routes();
  void add_account_routes();
  void add_app_routes();
  void add_key_routes();
  void add_guide_routes();

  http::Router& router_;
  AdminDeps d_;
};

void Routes::add_session_routes() {
  AdminDeps d = d_;
  // Login verifies an Argon2id hash (~100 ms): it runs on the hashing pool,
  // not on an I/O thread.
  router_.add("POST", "/api/login", [d](const Request& request, http::Respond respond) {
    if (auto refused = d.authenticator.check_same_origin(request)) return respond(*refused);
    auto body = parse_body(request);
    if (Response* r = std::get_if<Response>(&body)) return respond(std::move(*r));
    json::Problems problems;
    json::ObjectReader reader(std::get<boost::json::value>(body), "", problems);
    auto email = reader.non_empty_string("email", json::Need::required, kMaxEmailBytes);
    auto password = reader.non_empty_string("password", json::Need::required,
                                            auth::kMaxPasswordLength);
    if (!problems.empty()) return respond(invalid(problems));
    std::int64_t now = wall_clock_ms();
    if (std::int64_t wait = d.login_limiter.retry_after_ms(*email, request.remote_ip, now)) {
      Response r = http::error_response(429, "too_many_attempts",
                                        "too many login attempts; try again later");
      r.set_header("Retry-After", std::to_string((wait + 999) / 1000));
      return respond(std::move(r));
    }
    // The job must not touch `request` after this handler returns: copy.
    bool queued = d.hashing_pool.submit([d, respond, email = *email, password = *password,
                                         ip = request.remote_ip,
                                         set_cookie_for = request, now]() {
      std::string hash;
      std::optional<auth::Account> account = d.accounts.find_by_email(email, &hash);
      bool ok = false;
      if (account) {
        ok = auth::verify_password(hash, password) && !account->disabled;
      } else {
        // Spend the same time as a real check so response time does not
        // reveal which emails have accounts.
        static const std::string dummy = auth::hash_password("not-a-real-password").value_or("");
        auth::verify_password(dummy, password);
      }
      d.login_limiter.record(email, ip, ok, now);
      if (!ok) {
        return respond(http::error_response(401, "invalid_credentials", "wrong email or password"));
      }
      std::optional<auth::NewSession> session = d.sessions.create(account->id, now);
      if (!session) return respond(storage_error());
      Response r = http::json_response(boost::json::object{{"account", account_json(*account)},
                                                           {"csrf_token", session->csrf_token}});
      r.set_header("Set-Cookie", d.authenticator.session_cookie(*session, set_cookie_for));
      r.set_header("Cache-Control", "no-store");
      respond(std::move(r));
    }, [respond] {
      // Still waiting for a hash when the shutdown grace ended: answered like
      // the queries (pooled_route.h), not left without an answer.
      respond(http::shutting_down_response());
    });
    if (!queued) {
      Response r = http::error_response(503, "busy", "too many logins in progress; retry shortly");
      r.set_header("Retry-After", "1");
      respond(std::move(r));
    }
  });

  guarded("POST", "/api/logout", Permission::view, [d](const Request& request, const Principal& p) {
    d.sessions.revoke(p.session_token);
    Response r;
    r.status = 204;
    r.set_header("Set-Cookie", d.authenticator.clear_cookie(request));
    return r;
  });

  guarded("GET", "/api/me", Permission::view, [](const Request&, const Principal& p) {
    return http::json_response(
        boost::json::object{{"account", account_json(p.account)}, {"csrf_token", p.csrf_token}});
  });

  // Whether this browser is logged in, for the editor's and dashboard's first
  // load: not being logged in is an answer here, not an error (/api/me's 401
  // showed in the browser's console as a failed request on every first visit).
  router_.add_sync("GET", "/api/session", [d](const Request& request) {
    auto result = d.authenticator.authorize(request, Permission::view, wall_clock_ms());
    Response r;
    if (const Principal* p = std::get_if<Principal>(&result)) {
      r = http::json_response(boost::json::object{{"account", account_json(p->account)}, {"csrf_token", p->csrf_token}});
    } else if (std::get<Response>(result).status == 401) {
      r = http::json_response(boost::json::object{{"account", nullptr}});
    } else {
      r = std::move(std::get<Response>(result));
    }
    r.set_header("Cache-Control", "no-store");
    return r;
  });

  // Verifying the current password and hashing the new one run on the hashing
  // pool like login, and wrong current passwords count as failed logins of the
  // account's email, so this route is no way around the login limits.
  router_.add("POST", "/api/me/password", [d](const Request& request, http::Respond respond) {
    auto no_store = [respond](Response r) {
      r.set_header("Cache-Control", "no-store");
      respond(std::move(r));
    };
    std::int64_t now = wall_clock_ms();
    auto authorized = d.authenticator.authorize(request, Permission::view, now);
    if (Response* refused = std::get_if<Response>(&authorized)) return no_store(std::move(*refused));
    Principal principal = std::get<Principal>(std::move(authorized));
    auto body = parse_body(request);
    if (Response* r = std::get_if<Response>(&body)) return no_store(std::move(*r));
    json::Problems problems;
    json::ObjectReader reader(std::get<boost::json::value>(body), "", problems);
    auto current = reader.non_empty_string("current_password", json::Need::required,
                                           auth::kMaxPasswordLength);
    auto next = reader.string("new_password", json::Need::required, auth::kMaxPasswordLength);
    if (next && next->size() < auth::kMinPasswordLength) {
      reader.error("new_password", "must be at least " + std::to_string(auth::kMinPasswordLength) +
                                       " characters");
    } else if (next && current && *next == *current) {
      reader.error("new_password", "must differ from current_password");
    }
    reader.reject_unknown_fields();
    if (!problems.empty()) return no_store(invalid(problems));
    const std::string& email = principal.account.email;
    if (std::int64_t wait = d.login_limiter.retry_after_ms(email, request.remote_ip, now)) {
      Response r = http::error_response(429, "too_many_attempts",
                                        "too many password attempts; try again later");
      r.set_header("Retry-After", std::to_string((wait + 999) / 1000));
      return no_store(std::move(r));
    }
    bool queued = d.hashing_pool.submit([d, no_store, principal, ip = request.remote_ip,
                                         current = *current, next = *next, now]() {
      std::string stored;
      bool ok = d.accounts.find_by_email(principal.account.email, &stored) &&
                auth::verify_password(stored, current);
      d.login_limiter.record(principal.account.email, ip, ok, now);
      if (!ok) {
        json::Problems wrong;
        wrong.add("/current_password", "does not match the account's password");
        return no_store(http::error_response(422, "wrong_password", wrong.summary(), wrong.to_json()));
      }
      std::optional<std::string> hash = auth::hash_password(next);
      if (!hash || !d.accounts.set_password_hash(principal.account.id, *hash)) {
        return no_store(storage_error());
      }
      // Whoever else holds a session (a stolen cookie, another browser) is out.
      d.sessions.revoke_others(principal.account.id, principal.session_token);
      Response r;
      r.status = 204;
      no_store(std::move(r));
    }, [no_store] { no_store(http::shutting_down_response()); });
    if (!queued) {
      Response r = http::error_response(503, "busy", "too many password checks in progress; retry shortly");
      r.set_header("Retry-After", "1");
      no_store(std::move(r));
    }
  });
}

void Routes::add_account_routes() {
  AdminDeps d = d_;
  guarded("GET", "/api/accounts", Permission::manage_accounts,
          [d](const Request&, const Principal&) {
            boost::json::array list;
            for (const auth::Account& a : d.accounts.list()) list.push_back(account_json(a));
            return http::json_response(boost::json::object{{"accounts", std::move(list)}});
          });

  // Hashing the new account's password (~100 ms of Argon2id) runs on the
  // hashing pool like login: on the request thread a few account creations
  // would hold up every other request.
  router_.add("POST", "/api/accounts", [d](const Request& request, http::Respond respond) {
    auto no_store = [respond](Response r) {
      r.set_header("Cache-Control", "no-store");  // The answer may hold a generated password.
      respond(std::move(r));
    };
    auto authorized = d.authenticator.authorize(request, Permission::manage_accounts, wall_clock_ms());
    if (Response* refused = std::get_if<Response>(&authorized)) return no_store(std::move(*refused));
    auto body = parse_body(request);
    if (Response* r = std::get_if<Response>(&body)) return no_store(std::move(*r));
    json::Problems problems;
    json::ObjectReader reader(std::get<boost::json::value>(body), "", problems);
    auto email = reader.non_empty_string("email", json::Need::required, kMaxEmailBytes);
    auto role_text = reader.string("role", json::Need::required, 16);
    auto password = reader.string("password", json::Need::optional, auth::kMaxPasswordLength);
    if (email && email->find('@') == std::string::npos) {
      reader.error("email", "must be an email address");
    }
    std::optional<auth::Role> role;
    if (role_text) {
      role = auth::parse_role(*role_text);
      if (!role) reader.error("role", "must be one of: admin, editor, viewer");
    }
    if (password && password->size() < auth::kMinPasswordLength) {
      reader.error("password", "must be at least " + std::to_string(auth::kMinPasswordLength) + " characters");
    }
    reader.reject_unknown_fields();
    if (!problems.empty()) return no_store(invalid(problems));
    bool generated = !password;
    bool queued = d.hashing_pool.submit(
        [d, no_store, email = *email, role = *role, generated,
         secret = generated ? auth::generate_password() : *password]() {
          std::optional<std::string> hash = auth::hash_password(secret);
          if (!hash) return no_store(storage_error());
          auth::Account created;
          switch (d.accounts.create(email, *hash, role, wall_clock_ms(), &created)) {
            case auth::CreateAccountError::email_taken:
              return no_store(http::error_response(409, "email_taken", "an account with this email exists"));
            case auth::CreateAccountError::storage: return no_store(storage_error());
            case auth::CreateAccountError::none: break;
          }
          boost::json::object out{{"account", account_json(created)}};
          if (generated) out["password"] = secret;
          no_store(http::json_response(out, 201));
        },
        [no_store] { no_store(http::shutting_down_response()); });
    if (!queued) {
      Response r = http::error_response(503, "busy", "too many password hashes in progress; retry shortly");
      r.set_header("Retry-After", "1");
      no_store(std::move(r));
    }
  });

  guarded("PATCH", "/api/accounts/{account_id}", Permission::manage_accounts,
          [d](const Request& request, const Principal&) {
            std::string id(request.path_param("account_id"));
            auto body = parse_body(request);
            if (Response* r = std::get_if<Response>(&body)) return std::move(*r);
            json::Problems problems;
            json::ObjectReader reader(std::get<boost::json::value>(body), "", problems);
            auto role_text = reader.string("role", json::Need::optional, 16);
            auto disabled = reader.boolean("disabled");
            std::optional<auth::Role> role;
            if (role_text) {
              role = auth::parse_role(*role_text);
              if (!role) reader.error("role", "must be one of: admin, editor, viewer");
            }
            reader.reject_unknown_fields();
            if (!problems.empty()) return invalid(problems);
            auto lock = d.db.lock();
            std::optional<auth::Account> account = d.accounts.find_by_id(id);
            if (!account) return not_found("account");
            bool loses_admin = account->role == auth::Role::admin && !account->disabled &&
                               ((role && *role != auth::Role::admin) || (disabled && *disabled));
            if (loses_admin && d.accounts.enabled_admin_count() <= 1) {
              return http::error_response(409, "last_admin",
                                          "the last enabled admin cannot be demoted or disabled");
            }
            if (role && !d.accounts.set_role(id, *role)) return storage_error();
            if (disabled && !d.accounts.set_disabled(id, *disabled)) return storage_error();
            // A changed role or a disabled account takes effect now, not at
            // the session's expiry.
            d.sessions.revoke_all(id);
            std::optional<auth::Account> updated = d.accounts.find_by_id(id);
            if (!updated) return storage_error();
            return http::json_response(boost::json::object{{"account", account_json(*updated)}});
          });
}

void Routes::add_app_routes() {
  AdminDeps d = d_;
  guarded("GET", "/api/apps", Permission::view, [d](const Request&, const Principal&) {
    boost::json::array list;
    for (const App& app : d.apps.list_apps()) list.push_back(app_json(app));
    return http::json_response(boost::json::object{{"apps", std::move(list)}});
  });

  guarded("POST", "/api/apps", Permission::manage_apps, [d](const Request& request, const Principal&) {
    auto body = parse_body(request);
    if (Response* r = std::get_if<Response>(&body)) return std::move(*r);
    json::Problems problems;
    json::ObjectReader reader(std::get<boost::json::value>(body), "", problems);
    auto name = read_app_name(reader);
    auto origins = read_origins(reader, "origins", json::Need::optional);
    reader.reject_unknown_fields();
    if (!problems.empty()) return invalid(problems);
    std::optional<App> app = d.apps.create_app(*name, origins.value_or(std::vector<std::string>{}),
                                               wall_clock_ms());
    if (!app) return storage_error();
    return http::json_response(boost::json::object{{"app", app_json(*app)}}, 201);
  });

  guarded("GET", "/api/apps/{app_id}", Permission::view, [d](const Request& request, const Principal&) {
    std::optional<App> app = d.apps.find_app(std::string(request.path_param("app_id")));
    if (!app) return not_found("app");
    return http::json_response(boost::json::object{{"app", app_json(*app)}});
  });

  guarded("PUT", "/api/apps/{app_id}/origins", Permission::manage_apps,
          [d](const Request& request, const Principal&) {
            auto body = parse_body(request);
            if (Response* r = std::get_if<Response>(&body)) return std::move(*r);
            json::Problems problems;
            json::ObjectReader reader(std::get<boost::json::value>(body), "", problems);
            auto origins = read_origins(reader, "origins", json::Need::required);
            if (!problems.empty() || !origins) return invalid(problems);
            std::string app_id(request.path_param("app_id"));
            return app_changed(d, app_id, d.apps.set_origins(app_id, *origins));
          });

  guarded("PATCH", "/api/apps/{app_id}", Permission::manage_apps, [d](const Request& request, const Principal&) {
    auto body = parse_body(request);
    if (Response* r = std::get_if<Response>(&body)) return std::move(*r);
    json::Problems problems;
    json::ObjectReader reader(std::get<boost::json::value>(body), "", problems);
    auto name = read_app_name(reader);
    reader.reject_unknown_fields();
    if (!problems.empty() || !name) return invalid(problems);
    std::string app_id(request.path_param("app_id"));
    return app_changed(d, app_id, d.apps.rename_app(app_id, *name));
  });
}

void Routes::add_key_routes() {
  AdminDeps d = d_;
  guarded("GET", "/api/apps/{app_id}/keys", Permission::manage_keys,
          [d](const Request& request, const Principal&) {
            std::string app_id(request.path_param("app_id"));
            if (!d.apps.find_app(app_id)) return not_found("app");
            boost::json::array list;
            for (const WriteKeyInfo& k : d.apps.list_write_keys(app_id)) list.push_back(key_json(k));
            return http::json_response(boost::json::object{{"keys", std::move(list)}});
          });

  guarded("POST", "/api/apps/{app_id}/keys", Permission::manage_keys,
          [d](const Request& request, const Principal&) {
            std::string app_id(request.path_param("app_id"));
            if (!d.apps.find_app(app_id)) return not_found("app");
            std::optional<NewWriteKey> k = d.apps.create_write_key(app_id, wall_clock_ms());
            if (!k) {
              return http::error_response(
                  409, "too_many_keys",
                  "an app has at most " + std::to_string(AppDirectory::kMaxActiveKeysPerApp) +
                      " active write keys; revoke one first");
            }
            boost::json::object out = key_json(k->info);
            out["key"] = k->key;
            return http::json_response(boost::json::object{{"key", std::move(out)}}, 201);
          });

  guarded("POST", "/api/apps/{app_id}/keys/{key_id}/rotate", Permission::manage_keys,
          [d](const Request& request, const Principal&) {
            std::optional<NewWriteKey> k =
                d.apps.rotate_write_key(std::string(request.path_param("app_id")),
                                        std::string(request.path_param("key_id")), wall_clock_ms());
            if (!k) return not_found("active write key");
            boost::json::object out = key_json(k->info);
            out["key"] = k->key;
            return http::json_response(boost::json::object{{"key", std::move(out)}}, 201);
          });

  guarded("DELETE", "/api/apps/{app_id}/keys/{key_id}", Permission::manage_keys,
          [d](const Request& request, const Principal&) {
            if (!d.apps.revoke_write_key(std::string(request.path_param("app_id")),
                                         std::string(request.path_param("key_id")), wall_clock_ms())) {
              return not_found("active write key");
            }
            Response r;
            r.status = 204;
            return r;
          });
}

void Routes::add_guide_routes() {
  AdminDeps d = d_;
  const std::string base = "/api/apps/{app_id}/guides";
  // What the codec refuses in each published version (a version published
  // under older rules, which GET /v1/guides leaves out): on the guide, so its
  // authors learn why it stopped running, and flagged in the list.

  guarded("GET", base, Permission::view, [d](const Request& request, const Principal&) {
    std::string app_id(request.path_param("app_id"));
    if (!d.apps.find_app(app_id)) return not_found("app");
    std::optional<std::string> status = request.query_param("status");
    if (status && *status != "draft" && *status != "published" && *status != "archived") {
      // A typo must not read as "no guides".
      json::Problems problems;
      problems.add("/status", "must be draft, published or archived");
      return invalid(problems);
    }
    boost::json::array list;
    for (const guides::GuideListing& listing : d.guides.list(app_id)) {
      if (status && listing.guide.status != *status) continue;
      list.push_back(guide_listing_json(listing, !d.published_checks.problems(listing.guide).empty()));
    }
    return http::json_response(boost::json::object{{"guides", std::move(list)}});
  });

  guarded("POST", base, Permission::edit_guides, [d](const Request& request, const Principal& p) {
    std::string app_id(request.path_param("app_id"));
    if (!d.apps.find_app(app_id)) return not_found("app");
    auto body = parse_body(request, guides::kMaxGuideBytes, guides::kMaxGuideDepth);
    if (Response* r = std::get_if<Response>(&body)) return std::move(*r);
    boost::json::object& document = std::get<boost::json::value>(body).get_object();
    // ?keep_id=1 imports a guide under its own id, so rules in other guides
    // that name it ("guide X completed") keep working.
    std::string kept_id;
    if (std::optional<std::string> keep = request.query_param("keep_id")) {
      json::Problems problems;
      if (*keep != "1") {
        problems.add("", "the query parameter keep_id must be 1 when present");
      } else if (const boost::json::string* id = document.contains("id") ? document.at("id").if_string()
                                                                          : nullptr;
                 id && guides::is_valid_guide_id(*id)) {
        kept_id = std::string(*id);
      } else {
        problems.add("/id", "keep_id=1 needs an id of 1 to 128 letters, digits, \"_\", \"-\", \".\" or \":\"");
      }
      if (!problems.empty()) return invalid(problems);
    }
    guides::CreateGuideError error = guides::CreateGuideError::none;
    std::optional<guides::GuideRecord> g =
        d.guides.create(app_id, std::move(document), p.account.id, wall_clock_ms(), kept_id, &error);
    if (!g) {
      switch (error) {
        case guides::CreateGuideError::too_many_guides:
          return http::error_response(409, "too_many_guides",
                                      "an app has at most " +
                                          std::to_string(guides::GuideStore::kMaxGuidesPerApp) + " guides");
        case guides::CreateGuideError::id_taken:
          return http::error_response(409, "guide_id_taken",
                                      "a guide with id \"" + kept_id + "\" exists");
        case guides::CreateGuideError::none:
        case guides::CreateGuideError::storage: return storage_error();
      }
    }
    // Checked as stored: the store assigned the guide's id.
    json::Problems problems;
    boost::json::value stored = parse_stored(g->draft_json);
    if (const boost::json::object* o = stored.if_object()) problems = guides::check_guide(*o);
    // A draft may be incomplete: it is saved, and the problems that would stop
    // it being published are returned alongside.
    return with_revision(
        http::json_response(
            boost::json::object{{"guide", guide_json(*g, true)}, {"problems", problems.to_json()}}, 201),
        g->revision);
  });

  guarded("GET", base + "/{guide_id}", Permission::view, [d](const Request& request, const Principal&) {
    auto g = d.guides.find(std::string(request.path_param("app_id")),
                           std::string(request.path_param("guide_id")));
    if (!g) return not_found("guide");
    boost::json::value draft = parse_stored(g->draft_json);
    json::Problems problems;
    if (const boost::json::object* o = draft.if_object()) problems = guides::check_guide(*o);
    return with_revision(
        http::json_response(boost::json::object{{"guide", guide_json(*g, true)},
                                                {"problems", problems.to_json()},
                                                {"published_problems", d.published_checks.problems(*g).to_json()}}),
        g->revision);
  });

  guarded("PUT", base + "/{guide_id}/draft", Permission::edit_guides,
          [d](const Request& request, const Principal& p) {
            std::string app_id(request.path_param("app_id"));
            std::string guide_id(request.path_param("guide_id"));
            auto current = guide_to_change(d, request, app_id, guide_id);
            if (Response* r = std::get_if<Response>(&current)) return std::move(*r);
            auto body = parse_body(request, guides::kMaxGuideBytes, guides::kMaxGuideDepth);
            if (Response* r = std::get_if<Response>(&body)) return std::move(*r);
            boost::json::object& document = std::get<boost::json::value>(body).get_object();
            document["id"] = guide_id;
            json::Problems problems = guides::check_guide(document);
            guides::ChangeOutcome outcome =
                d.guides.update_draft(app_id, guide_id, std::move(document), p.account.id, wall_clock_ms(),
                                      std::get<guides::GuideRecord>(current).revision);
            if (outcome != guides::ChangeOutcome::done) {
              return change_refused(d, outcome, app_id, guide_id);
            }
            auto g = d.guides.find(app_id, guide_id);
            if (!g) return not_found("guide");
            return with_revision(
                http::json_response(
                    boost::json::object{{"guide", guide_json(*g, true)}, {"problems", problems.to_json()}}),
                g->revision);
          });

  guarded("POST", base + "/{guide_id}/publish", Permission::edit_guides,
          [d](const Request& request, const Principal& p) {
            std::string app_id(request.path_param("app_id"));
            std::string guide_id(request.path_param("guide_id"));
            std::string note;
            if (!request.body.empty()) {
              auto body = parse_body(request);
              if (Response* r = std::get_if<Response>(&body)) return std::move(*r);
              json::Problems problems;
              json::ObjectReader reader(std::get<boost::json::value>(body), "", problems);
              note = reader.string("note", json::Need::optional, kMaxNoteBytes).value_or("");
              if (!problems.empty()) return invalid(problems);
            }
            auto current = guide_to_change(d, request, app_id, guide_id);
            if (Response* r = std::get_if<Response>(&current)) return std::move(*r);
            const guides::GuideRecord& g = std::get<guides::GuideRecord>(current);
            boost::json::value draft = parse_stored(g.draft_json);
            const boost::json::object* object = draft.if_object();
            json::Problems problems;
            if (!object) {
              problems.add("", "must be an object");
            } else {
              problems = guides::check_guide(*object);
            }
            if (!problems.empty()) {
              return http::error_response(422, "invalid_guide",
                                          "the draft cannot be published: " + problems.summary(),
                                          problems.to_json());
            }
            // Publishes the draft just checked, or nothing if it changed meanwhile.
            guides::VersionChange published =
                d.guides.publish(app_id, guide_id, note, p.account.id, wall_clock_ms(), g.revision);
            if (published.outcome != guides::ChangeOutcome::done) {
              return change_refused(d, published.outcome, app_id, guide_id);
            }
            return published_answer(d, app_id, guide_id, published.version);
          });

  guarded("GET", base + "/{guide_id}/versions", Permission::view,
          [d](const Request& request, const Principal&) {
            std::string app_id(request.path_param("app_id"));
            std::string guide_id(request.path_param("guide_id"));
            if (!d.guides.find(app_id, guide_id)) return not_found("guide");
            boost::json::array list;
            for (const guides::GuideVersion& v : d.guides.versions(app_id, guide_id)) {
              list.push_back(version_json(v, false));
            }
            return http::json_response(boost::json::object{{"versions", std::move(list)}});
          });

  guarded("GET", base + "/{guide_id}/versions/{version}", Permission::view,
          [d](const Request& request, const Principal&) {
            auto number = parse_version(request.path_param("version"));
            if (!number) return http::error_response(400, "bad_version", "version must be a number");
            auto v = d.guides.version(std::string(request.path_param("app_id")),
                                      std::string(request.path_param("guide_id")), *number);
            if (!v) return not_found("version");
            return http::json_response(boost::json::object{{"version", version_json(*v, true)}});
          });

  guarded("POST", base + "/{guide_id}/rollback", Permission::edit_guides,
          [d](const Request& request, const Principal& p) {
            std::string app_id(request.path_param("app_id"));
            std::string guide_id(request.path_param("guide_id"));
            auto body = parse_body(request);
            if (Response* r = std::get_if<Response>(&body)) return std::move(*r);
            json::Problems problems;
            json::ObjectReader reader(std::get<boost::json::value>(body), "", problems);
            auto from = reader.integer("version", json::Need::required, 1, INT32_MAX);
            if (!problems.empty()) return invalid(problems);
            // Rollback replaces the draft: it must not drop edits saved meanwhile.
            auto current = guide_to_change(d, request, app_id, guide_id);
            if (Response* r = std::get_if<Response>(&current)) return std::move(*r);
            guides::VersionChange rolled = d.guides.rollback(
                app_id, guide_id, *from, p.account.id, wall_clock_ms(), std::get<guides::GuideRecord>(current).revision);
            if (rolled.outcome != guides::ChangeOutcome::done) {
              return change_refused(d, rolled.outcome, app_id, guide_id, "version");
            }
            return published_answer(d, app_id, guide_id, rolled.version);
          });

  guarded("POST", base + "/{guide_id}/archive", Permission::edit_guides,
          [d](const Request& request, const Principal& p) {
            std::string app_id(request.path_param("app_id"));
            std::string guide_id(request.path_param("guide_id"));
            if (!d.guides.archive(app_id, guide_id, p.account.id, wall_clock_ms())) return not_found("guide");
            auto g = d.guides.find(app_id, guide_id);
            if (!g) return not_found("guide");
            return with_revision(http::json_response(boost::json::object{{"guide", guide_json(*g, false)}}),
                                 g->revision);
          });

  // An abandoned draft goes for good; a guide ever published is archived
  // instead (SDKs may still run a version, and events name its versions).
  guarded("DELETE", base + "/{guide_id}", Permission::edit_guides,
          [d](const Request& request, const Principal&) {
            std::string app_id(request.path_param("app_id"));
            std::string guide_id(request.path_param("guide_id"));
            auto current = guide_to_change(d, request, app_id, guide_id);
            if (Response* r = std::get_if<Response>(&current)) return std::move(*r);
            switch (d.guides.delete_unpublished(app_id, guide_id, std::get<guides::GuideRecord>(current).revision)) {
              case guides::DeleteOutcome::deleted: {
                Response r;
                r.status = 204;
                return r;
              }
              case guides::DeleteOutcome::was_published:
                return http::error_response(409, "guide_published",
                                            "a guide that was ever published cannot be deleted: archive it");
              case guides::DeleteOutcome::not_found: return change_refused(d, guides::ChangeOutcome::not_found, app_id, guide_id);
              case guides::DeleteOutcome::stale: return change_refused(d, guides::ChangeOutcome::stale, app_id, guide_id);
              case guides::DeleteOutcome::storage: break;
            }
            return storage_error();
          });
}

void Routes::add_all() {
  add_session_routes();
  add_account_routes();
  add_app_routes();
  add_key_routes();
  add_guide_routes();
  // Anything else under /api is the router's JSON 404 (no static directory is
  // mounted there), and a route's path with another method its 405: a GET
  // "/api/*" catch-all here would answer 404 to GET /api/login and add GET
  // to every 405's Allow.
}

}  // namespace

void add_admin_routes(http::Router& router, const AdminDeps& deps) {
  Routes routes(router, deps);
  routes.add_all();
}

}  // namespace cairn::admin
