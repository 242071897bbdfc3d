#include "analytics/clickhouse_client.h"

#include <curl/curl.h>

namespace cairn::analytics {

namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

std::string url_encode(CURL* curl, std::string_view text) {
  char* encoded = curl_easy_escape(curl, text.data(), static_cast<int>(text.size()));
  std::string result = encoded ? encoded : "";
  curl_free(encoded);
  return result;
}

// libcurl's progress callback: a non-zero answer aborts the transfer.
int abort_when_cancelled(void* cancel, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::atomic<bool>*>(cancel)->load() ? 1 : 0;
}

}  // namespace

ClickHouseClient::ClickHouseClient(ClickHouseEndpoint endpoint)
    : endpoint_(std::move(endpoint)), curl_(curl_easy_init()) {}

ClickHouseClient::~ClickHouseClient() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

std::string ClickHouseClient::base_url() {
  CURL* curl = static_cast<CURL*>(curl_);
  return "http://" + endpoint_.host + ":" + std::to_string(endpoint_.port) +
         "/?database=" + (curl ? url_encode(curl, endpoint_.database) : endpoint_.database);
}

bool ClickHouseClient::post(const std::string& url, std::string_view body, std::string* out, std::string* error,
                            const ClickHouseExternalTable* table) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (!curl) {
    *error = "libcurl could not be initialised";
    return false;
  }
  const std::atomic<bool>* cancel = endpoint_.cancel.get();
  if (cancel && cancel->load()) {
    *error = kClickHouseCancelled;
    return false;
  }
  std::string response;
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  if (cancel) {
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, abort_when_cancelled);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(cancel));
  }
  curl_mime* form = nullptr;
  if (table) {
    // The external table as the multipart file field named after it.
    form = curl_mime_init(curl);
    curl_mimepart* part = curl_mime_addpart(form);
    curl_mime_name(part, table->name.c_str());
    curl_mime_filename(part, table->name.c_str());
    curl_mime_data(part, table->tsv.data(), table->tsv.size());
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, form);
  } else {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, endpoint_.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  const CURLcode code = curl_easy_perform(curl);
  curl_mime_free(form);
  if (code == CURLE_ABORTED_BY_CALLBACK) {
    *error = kClickHouseCancelled;
    return false;
  }
  if (code != CURLE_OK) {
    *error = std::string("clickhouse: ") + curl_easy_strerror(code);
    return false;
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    *error = "clickhouse: HTTP " + std::to_string(status) + ": " + response.substr(0, 2000);
    return false;
  }
  if (out) *out = std::move(response);
  return true;
}

bool ClickHouseClient::query(std::string_view sql, std::string* out, std::string* error) {
  if (external_) return post_with_external(sql, out, error);
  return post(base_url(), sql, out, error);
}

bool ClickHouseClient::post_with_external(std::string_view sql, std::string* out, std::string* error) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (!curl) {
    *error = "libcurl could not be initialised";
    return false;
  }
  const std::string url = base_url() + "&query=" + url_encode(curl, sql) + "&" + url_encode(curl, external_->name) +
                          "_structure=" + url_encode(curl, external_->structure);
  return post(url, {}, out, error, &*external_);
}

bool ClickHouseClient::insert(std::string_view insert_sql, std::string_view data, std::string* error) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (!curl) {
    *error = "libcurl could not be initialised";
    return false;
  }
  const std::string url = base_url() + "&query=" + url_encode(curl, insert_sql);
  return post(url, data, nullptr, error);
}

bool ClickHouseClient::ping() {
  CURL* curl = static_cast<CURL*>(curl_);
  if (!curl) return false;
  std::string response;
  const std::string url = "http://" + endpoint_.host + ":" + std::to_string(endpoint_.port) + "/ping";
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 2000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  return curl_easy_perform(curl) == CURLE_OK && response.rfind("Ok.", 0) == 0;
}

std::string clickhouse_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

}  // namespace cairn::analytics
