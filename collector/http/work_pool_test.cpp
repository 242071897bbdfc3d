#include "http/work_pool.h"

#include "http/pooled_route.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <thread>

using namespace cairn::http;

namespace {

// Holds the pool's only thread until release(), so tests can fill the queue.
// The job keeps its own handles on the promises' states, so the gate may go
// away once released.
class Gate {
 public:
  void release() { opened_.set_value(); }
  std::function<void()> job() {
    return [opened = opened_future_, entered = entered_] {
      entered->set_value();
      opened.wait();
    };
  }
  void wait_entered() { entered_future_.wait(); }

 private:
  std::promise<void> opened_;
  std::shared_future<void> opened_future_ = opened_.get_future().share();
  std::shared_ptr<std::promise<void>> entered_ = std::make_shared<std::promise<void>>();
  std::shared_future<void> entered_future_ = entered_->get_future().share();
};

Request make_request(std::string method, std::string path, std::string body = "") {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.body = std::move(body);
  return request;
}

}  // namespace

TEST_CASE("work pool refuses jobs beyond its queue bound and runs the queued ones") {
  WorkPool pool(1, 2);
  Gate gate;
  REQUIRE(pool.submit(gate.job()));
  gate.wait_entered();  // The thread is busy; the queue is empty.
  std::atomic<int> ran{0};
  CHECK(pool.submit([&] { ++ran; }));
  CHECK(pool.submit([&] { ++ran; }));
  CHECK(pool.queued() == 2);
  CHECK_FALSE(pool.submit([&] { ++ran; }));  // Full: two waiting.
  gate.release();
  while (pool.queued() > 0) std::this_thread::yield();
  pool.drain();
  CHECK(ran == 2);
}

TEST_CASE("work pool drain waits for the running job, refuses the queued ones, then refuses new ones") {
  // At shutdown (the grace ended) a queue of slow queries must not hold the
  // process: before, drain() ran every queued job first.
  WorkPool pool(1, 64);
  Gate gate;
  std::atomic<bool> running_finished{false};
  REQUIRE(pool.submit([&, job = gate.job()] {
    job();
    running_finished = true;
  }));
  gate.wait_entered();
  std::atomic<int> ran{0};
  std::atomic<int> refused{0};
  for (int i = 0; i < 5; ++i) REQUIRE(pool.submit([&] { ++ran; }, [&] { ++refused; }));
  REQUIRE(pool.submit([&] { ++ran; }));  // No refusal given: dropped.
  CHECK_FALSE(pool.draining());
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    gate.release();
  });
  pool.drain();
  releaser.join();
  CHECK(running_finished);
  CHECK(ran == 0);
  CHECK(refused == 5);
  CHECK(pool.draining());
  CHECK_FALSE(pool.submit([&] { ++ran; }));
  CHECK(ran == 0);
}

TEST_CASE("work pool refuse_queued answers the waiting jobs and keeps serving") {
  WorkPool pool(1, 64);
  Gate gate;
  REQUIRE(pool.submit(gate.job()));
  gate.wait_entered();
  std::atomic<int> ran{0};
  std::atomic<int> refused{0};
  for (int i = 0; i < 3; ++i) REQUIRE(pool.submit([&] { ++ran; }, [&] { ++refused; }));
  pool.refuse_queued();
  CHECK(refused == 3);
  CHECK(pool.queued() == 0);
  REQUIRE(pool.submit([&] { ++ran; }));  // Still taking jobs.
  gate.release();
  for (int i = 0; i < 5000 && ran == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  CHECK(ran == 1);
  CHECK(refused == 3);
  pool.drain();
}

TEST_CASE("pooled route answers on the pool with its own copy of the request") {
  WorkPool pool(1, 1);
  Router router;
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<bool> on_other_thread{false};
  add_pooled(router, "GET", "/q/{id}", pool, [&](const Request& r) {
    on_other_thread = std::this_thread::get_id() != caller;
    Response resp;
    resp.body = "id " + std::string(r.path_param("id")) + " " + r.body;
    return resp;
  });
  std::promise<Response> answered;
  {
    // Gone before the pool runs the handler, as a closed connection's.
    Request request = make_request("GET", "/q/7", "body");
    Gate gate;
    REQUIRE(pool.submit(gate.job()));
    gate.wait_entered();
    router.dispatch(request, [&](Response r) { answered.set_value(std::move(r)); });
    request = Request();
    gate.release();
  }
  Response got = answered.get_future().get();
  CHECK(got.status == 200);
  CHECK(got.body == "id 7 body");
  CHECK(got.route == "/q/{id}");
  CHECK(on_other_thread);
}

TEST_CASE("pooled route answers 503 busy with Retry-After when the queue is full") {
  WorkPool pool(1, 1);
  Router router;
  add_pooled(router, "GET", "/q", pool, [](const Request&) { return Response(); });
  Gate gate;
  REQUIRE(pool.submit(gate.job()));
  gate.wait_entered();
  REQUIRE(pool.submit([] {}));  // The one queue slot.
  Request request = make_request("GET", "/q");
  Response got;
  router.dispatch(request, [&](Response r) { got = std::move(r); });
  CHECK(got.status == 503);
  CHECK(got.header("Retry-After") == "1");
  CHECK(got.body.find("\"code\":\"busy\"") != std::string::npos);
  gate.release();
}

TEST_CASE("pooled route answers 503 shutting_down to a request still queued when the pool refuses its queue") {
  WorkPool pool(1, 4);
  Router router;
  std::atomic<bool> handler_ran{false};
  add_pooled(router, "GET", "/q", pool, [&](const Request&) {
    handler_ran = true;
    return Response();
  });
  Gate gate;
  REQUIRE(pool.submit(gate.job()));
  gate.wait_entered();
  Request request = make_request("GET", "/q");
  std::promise<Response> answered;
  router.dispatch(request, [&](Response r) { answered.set_value(std::move(r)); });
  pool.refuse_queued();  // What the server's grace end does (ServerOptions::on_grace_expired).
  Response got = answered.get_future().get();
  CHECK(got.status == 503);
  CHECK(got.header("Retry-After") == "1");
  CHECK(got.body.find("\"code\":\"shutting_down\"") != std::string::npos);
  gate.release();
  pool.drain();
  CHECK_FALSE(handler_ran);
}
