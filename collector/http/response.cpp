#include "http/response.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace cairn::http {

void Response::set_header(std::string name, std::string value) {
  HeaderNameLess less;
  for (auto& [n, v] : headers) {
    if (!less(n, name) && !less(name, n)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Response::header(std::string_view name) const {
  HeaderNameLess less;
  for (const auto& [n, v] : headers) {
    if (!less(n, name) && !less(name, n)) return v;
  }
  return {};
}

Response json_response(const boost::json::value& body, int status) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  r.set_header("Content-Type", "application/json");
  return r;
}

Response error_response(int status, std::string_view code, std::string_view message,
                        boost::json::array problems) {
  boost::json::object error;
  error["code"] = code;
  error["message"] = message;
  error["problems"] = std::move(problems);
  boost::json::object body;
  body["error"] = std::move(error);
  Response r = json_response(body, status);
  r.set_header("Cache-Control", "no-store");
  return r;
}

std::string_view status_reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "";
  }
}

}  // namespace cairn::http
