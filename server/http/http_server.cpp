#include "http/http_server.hpp"

#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

namespace parley::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using BeastRequest = http::request<http::string_body>;
using BeastResponse = http::response<http::string_body>;

// Every key=value pair of a query string as sent, decoded. httplib's parse_query_text drops
// a pair repeated exactly, which hid "limit=5&limit=5" from the check that a parameter is
// given once, and reads "=a" as a parameter named "a".
void parse_query(std::string_view query, httplib::Params& params) {
    std::size_t at = 0;
    while (at < query.size()) {
        std::size_t end = query.find('&', at);
        if (end == std::string_view::npos) end = query.size();
        const std::string_view pair = query.substr(at, end - at);
        if (!pair.empty()) {
            const std::size_t equals = pair.find('=');
            std::string key =
                httplib::detail::decode_url(std::string(pair.substr(0, equals)), true);
            std::string value =
                equals == std::string_view::npos
                    ? std::string()
                    : httplib::detail::decode_url(std::string(pair.substr(equals + 1)), true);
            params.emplace(std::move(key), std::move(value));
        }
        at = end + 1;
    }
}

// A request target in absolute form ("http://host:8080/search?q=x", as proxies send
// them; RFC 9112 3.2.2 has servers accept it) as the path and query it names.
std::string origin_form(const std::string& target) {
    const auto scheme_end = target.find("://");
    if (scheme_end == std::string::npos || target.front() == '/') return target;
    for (std::size_t i = 0; i < scheme_end; ++i) {
        if (!std::isalpha(static_cast<unsigned char>(target[i]))) return target;
    }
    const auto path = target.find_first_of("/?", scheme_end + 3);
    if (path == std::string::npos) return "/";
    return target[path] == '?' ? "/" + target.substr(path) : target.substr(path);
}

// The Router's view of a request: httplib's value type, as cpp-httplib would fill it.
httplib::Request to_httplib(BeastRequest&& in, const std::string& client) {
    httplib::Request r;
    r.method = std::string(in.method_string());
    r.target = std::string(in.target());
    r.target = origin_form(r.target);
    r.version = in.version() == 10 ? "HTTP/1.0" : "HTTP/1.1";
    const auto question = r.target.find('?');
    r.path = httplib::detail::decode_url(r.target.substr(0, question), false);
    if (question != std::string::npos)
        parse_query(std::string_view(r.target).substr(question + 1), r.params);
    for (const auto& field : in)
        r.headers.emplace(std::string(field.name_string()), std::string(field.value()));
    r.body = std::move(in.body());
    r.remote_addr = client;
    return r;
}

// The Router's view of a request whose body has not been read: what its head says.
httplib::Request head_of(const BeastRequest& in, const std::string& client) {
    BeastRequest head{in.base()};
    return to_httplib(std::move(head), client);
}

}  // namespace

struct HttpServer::Impl {
    class Session;

    // Declared before the I/O objects, so that sessions destroyed with the io_context can
    // still count themselves out.
    std::mutex mutex;  // guards live, per_client and sessions
    std::size_t live = 0;
    std::map<std::string, std::size_t> per_client;
    std::vector<std::weak_ptr<Session>> sessions;
    std::atomic<bool> destroying = false;

    ConnectionLimits limits;
    Handler handler;
    ErrorFiller on_error;
    HeadCheck before_body;
    net::io_context io{1};
    tcp::acceptor acceptor{io};
    net::thread_pool workers;
    net::steady_timer grace_timer{io};
    bool stopping = false;  // on the I/O thread only

    Impl(ConnectionLimits l, std::size_t threads, Handler h, ErrorFiller e, HeadCheck b)
        : limits(l),
          handler(std::move(h)),
          on_error(std::move(e)),
          before_body(std::move(b)),
          workers(threads) {}

    void accept();
    void admit(tcp::socket socket);
    void begin_stop(std::chrono::milliseconds grace);
    void session_ended(const std::string& client, bool counted);
};

class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
  public:
    Session(Impl& server, tcp::socket&& socket, std::string client, bool counted)
        : server_(server),
          stream_(std::move(socket)),
          client_(std::move(client)),
          counted_(counted) {}
    ~Session() { server_.session_ended(client_, counted_); }

    void start() {
        if (!counted_) return refuse(503);
        read_head();
    }

    // From stop(): a connection waiting for a request is closed; one being answered ends
    // after its answer.
    void close_if_idle() {
        net::post(stream_.get_executor(), [self = shared_from_this()] {
            if (!self->busy_) self->stream_.cancel();
        });
    }

  private:
    void read_head() {
        if (server_.stopping) return close();
        busy_ = false;
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(server_.limits.max_head_bytes));
        parser_->body_limit(server_.limits.max_body_bytes);
        // One deadline for the whole head, not per read: dribbling does not extend it.
        stream_.expires_after(first_ ? server_.limits.head_timeout : server_.limits.idle_timeout);
        http::async_read_header(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_head(ec); });
    }

    void on_head(beast::error_code ec) {
        if (ec == http::error::header_limit) {
            // The request line alone past the limit is 414, the headers 431. The line is
            // within the limit when the parser took it (then the buffer holds the fields
            // after it) or, the head being refused in one piece, when its end is.
            const auto data = buffer_.data();
            const std::string_view seen(static_cast<const char*>(data.data()), data.size());
            const auto line_end = seen.find("\r\n");
            const bool line_fits =
                !parser_->get().target().empty() || (line_end != std::string_view::npos &&
                                                     line_end + 2 <= server_.limits.max_head_bytes);
            return refuse(line_fits ? 431 : 414);
        }
        if (ec == http::error::body_limit) return refuse(413);  // from Content-Length
        if (ec) {
            // Closed, timed out or cancelled: nothing to answer; garbage: 400.
            const bool quiet = ec == http::error::end_of_stream || ec == net::error::eof ||
                               ec == beast::error::timeout || ec == net::error::operation_aborted ||
                               ec == net::error::connection_reset || buffer_.size() == 0;
            return quiet ? close() : refuse(400);
        }
        if (parser_->is_done()) return dispatch();
        // A client that sends "Expect: 100-continue" waits for a word before sending the
        // body (RFC 9110 10.1.1): without it, curl waits a second and others the whole body
        // timeout.
        if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
            // A request refused on its head alone (no credentials) is refused now: asking
            // for a body only to throw it away would have the client send it all.
            if (server_.before_body) {
                httplib::Request head = head_of(parser_->get(), client_);
                httplib::Response refusal;
                if (server_.before_body(head, refusal)) {
                    busy_ = true;
                    linger_ = true;  // a client may send the body anyway: read and dropped
                    head_ = false;
                    return write(std::move(refusal), false);
                }
            }
            auto interim =
                std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
            stream_.expires_after(server_.limits.write_timeout);
            return http::async_write(
                stream_, *interim,
                [self = shared_from_this(), interim](beast::error_code e, std::size_t) {
                    if (e) return self->close();
                    self->read_body();
                });
        }
        read_body();
    }

    void read_body() {
        stream_.expires_after(server_.limits.body_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code e, std::size_t) {
                             if (e == http::error::body_limit) return self->refuse(413);
                             if (e) return self->close();
                             self->dispatch();
                         });
    }

    void dispatch() {
        busy_ = true;
        stream_.expires_never();
        BeastRequest& in = parser_->get();
        keep_alive_ = in.keep_alive();
        head_ = in.method() == http::verb::head;
        auto request = std::make_shared<httplib::Request>(to_httplib(std::move(in), client_));
        net::post(server_.workers, [self = shared_from_this(), request] {
            httplib::Response response;
            try {
                self->server_.handler(*request, response);
            } catch (...) {  // the Router answers its own errors; this is a last resort
                response = {};
                self->server_.on_error(500, *request, response);
            }
            net::post(self->stream_.get_executor(),
                      [self, response = std::move(response)]() mutable {
                          self->write(std::move(response), self->keep_alive_);
                      });
        });
    }

    void refuse(int status) {
        busy_ = true;
        linger_ = status == 413;   // the request's body is still coming
        httplib::Request request;  // what is known of it: its head, when read whole
        if (parser_ && parser_->is_header_done()) {
            for (const auto& field : parser_->get())
                request.headers.emplace(std::string(field.name_string()),
                                        std::string(field.value()));
        }
        httplib::Response response;
        server_.on_error(status, request, response);
        write(std::move(response), false);
    }

    void write(httplib::Response&& response, bool keep_alive) {
        auto out = std::make_shared<BeastResponse>();
        out->version(11);
        out->result(static_cast<unsigned>(response.status > 0 ? response.status : 500));
        for (const auto& [name, value] : response.headers) out->insert(name, value);
        const std::size_t length = response.body.size();
        if (!head_) out->body() = std::move(response.body);
        out->content_length(length);
        out->keep_alive(keep_alive && !server_.stopping);
        stream_.expires_after(server_.limits.write_timeout);
        http::async_write(
            stream_, *out, [self = shared_from_this(), out](beast::error_code ec, std::size_t) {
                if (ec) return self->close();
                if (!out->keep_alive())
                    return self->linger_ ? self->close_after_reading() : self->close();
                self->first_ = false;
                self->read_head();
            });
    }

    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.close();
    }

    // After refusing a request whose body was not read (413): closing at once would make
    // the kernel answer the rest of the body with a reset, which can destroy the refusal
    // before a client that sends the whole body first has read it. So the body is read
    // and dropped, for a short while, before the socket closes.
    void close_after_reading() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.expires_after(kLinger);
        drain();
    }

    void drain() {
        stream_.async_read_some(net::buffer(scratch_),
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    if (ec) return self->stream_.close();  // EOF or time up
                                    self->drain();
                                });
    }

    static constexpr std::chrono::seconds kLinger{2};

    Impl& server_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::string client_;
    bool counted_;
    bool first_ = true;
    bool busy_ = false;
    bool keep_alive_ = false;
    bool head_ = false;
    bool linger_ = false;
    std::array<char, 16384> scratch_{};
};

void HttpServer::Impl::accept() {
    acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
        if (!acceptor.is_open()) return;  // stopping
        if (!ec) admit(std::move(socket));
        accept();  // an error on one connection (out of descriptors, say) is not the end
    });
}

void HttpServer::Impl::admit(tcp::socket socket) {
    beast::error_code ec;
    // Without it, Nagle's algorithm and the client's delayed ACK hold an answer's last
    // segment back for ~40 ms.
    socket.set_option(tcp::no_delay(true), ec);
    const auto endpoint = socket.remote_endpoint(ec);
    const std::string client = ec ? std::string("?") : endpoint.address().to_string();
    bool counted = false;
    std::shared_ptr<Session> session;
    {
        const std::lock_guard lock(mutex);
        std::size_t& mine = per_client[client];
        counted = live < limits.max_connections && mine < limits.max_connections_per_client;
        if (counted) ++mine;
        ++live;
        session = std::make_shared<Session>(*this, std::move(socket), client, counted);
        std::erase_if(sessions, [](const std::weak_ptr<Session>& s) { return s.expired(); });
        sessions.push_back(session);
    }
    session->start();
}

void HttpServer::Impl::session_ended(const std::string& client, bool counted) {
    const std::lock_guard lock(mutex);
    --live;
    if (counted) {
        const auto it = per_client.find(client);
        if (it != per_client.end() && --it->second == 0) per_client.erase(it);
    }
    // The last connection gone while stopping: no need to wait out the grace period.
    if (live == 0 && !destroying)
        net::post(io, [this] {
            if (stopping) grace_timer.cancel();
        });
}

void HttpServer::Impl::begin_stop(std::chrono::milliseconds grace) {
    if (stopping) return;
    stopping = true;
    beast::error_code ec;
    acceptor.close(ec);
    std::vector<std::shared_ptr<Session>> open;
    {
        const std::lock_guard lock(mutex);
        for (const auto& weak : sessions)
            if (auto s = weak.lock()) open.push_back(std::move(s));
        if (live == 0) return;  // run() returns as soon as nothing is left to do
    }
    for (const auto& s : open) s->close_if_idle();
    grace_timer.expires_after(grace);
    grace_timer.async_wait([this](beast::error_code e) {
        if (!e) io.stop();  // requests still running after the grace period are abandoned
    });
}

HttpServer::HttpServer(ConnectionLimits limits, std::size_t worker_threads, Handler handler,
                       ErrorFiller on_error, HeadCheck before_body)
    : impl_(std::make_unique<Impl>(limits, worker_threads, std::move(handler), std::move(on_error),
                                   std::move(before_body))) {}

HttpServer::~HttpServer() {
    impl_->io.stop();
    impl_->workers.join();
    impl_->destroying = true;
}

int HttpServer::bind(const std::string& host, int port) {
    beast::error_code ec;
    const auto address = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
    if (ec) throw std::runtime_error("'" + host + "' is not an IP address");
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
    tcp::acceptor& a = impl_->acceptor;
    a.open(endpoint.protocol(), ec);
    // SO_REUSEADDR only (a port in TIME_WAIT), never SO_REUSEPORT: a second server on a
    // taken port must fail, not share it.
    if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) a.bind(endpoint, ec);
    if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        a.close();
        throw std::runtime_error(ec.message());
    }
    return a.local_endpoint().port();
}

void HttpServer::run() {
    impl_->accept();
    impl_->io.run();
    impl_->workers.join();  // requests in flight finish
}

void HttpServer::stop(std::chrono::milliseconds grace) {
    net::post(impl_->io, [impl = impl_.get(), grace] { impl->begin_stop(grace); });
}

}  // namespace parley::server
