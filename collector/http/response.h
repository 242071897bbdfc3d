// Response: what a handler answers. Helpers build the JSON bodies every
// endpoint shares; error bodies always have the shape
//   {"error": {"code": "...", "message": "...", "problems": [...]}}
// so clients parse one format for every failure.
//
// Threading: plain value type.
#pragma once

#include "http/request.h"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Set by the router for metrics and logs: the pattern that matched
  // ("/api/apps/{app_id}"), never the raw path, so label sets stay bounded.
  std::string route;
  // When true the server closes the connection after writing (e.g. after a
  // body was refused unread).
  bool close = false;

  void set_header(std::string name, std::string value);
  std::string_view header(std::string_view name) const;
};

// 200 (or `status`) with a JSON body and Content-Type application/json.
Response json_response(const boost::json::value& body, int status = 200);

// An error with the common shape. `code` is a stable machine-readable string
// ("not_found", "invalid_json", ...), `message` one human sentence.
Response error_response(int status, std::string_view code, std::string_view message,
                        boost::json::array problems = {});

std::string_view status_reason(int status);

}  // namespace cairn::http
