#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace parley::server {

/// What one client may hold of the server, and for how long.
struct ConnectionLimits {
    std::size_t max_body_bytes = 1 << 20;  ///< larger bodies: 413
    std::size_t max_head_bytes = 8192;     ///< request line and headers; larger: 414 or 431
    /// The whole request head must arrive within this of the connection opening (or of
    /// the previous answer): a client sending a header line every few seconds is cut off.
    std::chrono::milliseconds head_timeout{10'000};
    /// The body must arrive within this of the head.
    std::chrono::milliseconds body_timeout{30'000};
    /// A kept-alive connection may wait this long for its next request.
    std::chrono::milliseconds idle_timeout{5'000};
    /// The answer must be taken within this.
    std::chrono::milliseconds write_timeout{30'000};
    std::size_t max_connections = 1024;           ///< more are answered 503 and closed
    std::size_t max_connections_per_client = 64;  ///< per remote address; more: 503
};

/// An HTTP/1.1 server on Boost.Beast. Connections are read and written asynchronously by one
/// I/O thread, so an idle or dribbling client costs a socket and a timer, never a worker;
/// only a complete request reaches a worker thread, which runs `handler` (the Router's
/// dispatch: httplib's Request and Response are used as plain values). Deadlines, sizes and
/// connection counts are bounded by ConnectionLimits; what the server refuses itself (413,
/// 414, 431, 400, 503, 408 is a close) gets the API's JSON error form through `on_error`.
class HttpServer {
  public:
    using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
    /// Fills `response` for an error the server found before any handler ran. `request`
    /// holds what was read of the request: its method, path and headers once its head was
    /// read whole (a body over the limit), else nothing (so CORS can still be answered).
    using ErrorFiller = std::function<void(int status, const httplib::Request& request,
                                           httplib::Response& response)>;

    /// Looks at a request's head before its body is asked for ("Expect: 100-continue"):
    /// fills `response` and returns true to answer it so (a 401), without reading the body
    /// the client is holding back; false to go on. Runs on the I/O thread: it must be quick.
    using HeadCheck =
        std::function<bool(const httplib::Request& head, httplib::Response& response)>;

    HttpServer(ConnectionLimits limits, std::size_t worker_threads, Handler handler,
               ErrorFiller on_error, HeadCheck before_body = {});
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Listens on host:port (0: any free port) and returns the port. The address is not
    /// shared: a port another server holds is an error (std::runtime_error).
    int bind(const std::string& host, int port);

    /// Serves until stop(); then finishes the requests in flight and returns.
    void run();

    /// Stops accepting, closes idle connections, lets requests in flight finish (at most
    /// `grace`). Safe from any thread, also before run().
    void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(10'000));

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parley::server
