#include "http/pooled_route.h"

#include <memory>

namespace cairn::http {

Response busy_response() {
  Response r = error_response(503, "busy", "too many queries in progress; retry shortly");
  r.set_header("Retry-After", "1");
  return r;
}

Response shutting_down_response() {
  Response r = error_response(503, "shutting_down", "the collector is stopping; retry on another instance or later");
  r.set_header("Retry-After", "1");
  return r;
}

void add_pooled(Router& router, std::string method, std::string pattern, WorkPool& pool,
                SyncHandler handler) {
  auto shared_handler = std::make_shared<const SyncHandler>(std::move(handler));
  router.add(std::move(method), std::move(pattern),
             [&pool, shared_handler](const Request& request, Respond respond) {
               // The connection owns `request` only until respond(): the job
               // keeps a copy. respond() may be called from any thread.
               auto job_respond = std::make_shared<Respond>(std::move(respond));
               bool queued = pool.submit(
                   [shared_handler, job_respond, copy = request]() { (*job_respond)((*shared_handler)(copy)); },
                   [job_respond] { (*job_respond)(shutting_down_response()); });
               if (!queued) (*job_respond)(busy_response());
             });
}

}  // namespace cairn::http
