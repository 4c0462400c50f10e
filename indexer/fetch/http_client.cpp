#include "fetch/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "util/ascii.hpp"
#include "util/dates.hpp"

namespace parley::fetch {
namespace {

struct Transfer {
    HttpResponse* response;
    std::size_t max_bytes;
    bool too_big = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    if (t->response->body.size() + n > t->max_bytes) {
        t->too_big = true;
        return 0;  // ends the transfer with CURLE_WRITE_ERROR
    }
    t->response->body.append(data, n);
    return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* r = static_cast<HttpResponse*>(user);
    const std::size_t n = size * count;
    const std::string line(data, n);
    // A new status line (after a 100 Continue): the headers before it were another response's.
    if (line.rfind("HTTP/", 0) == 0) {
        r->content_type.clear();
        r->charset.clear();
        r->etag.clear();
        r->last_modified.clear();
        r->retry_after = -1;
        r->location.clear();
        r->content_encoding.clear();
        return n;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) return n;
    const std::string name = util::ascii_lower(util::trim_space(line.substr(0, colon)));
    const std::string value(util::trim_space(std::string_view(line).substr(colon + 1)));
    if (name == "content-type") {
        util::MediaType media = util::parse_media_type(value);
        r->content_type = std::move(media.type);
        r->charset = std::move(media.charset);
    } else if (name == "etag") {
        r->etag = value;
    } else if (name == "last-modified") {
        r->last_modified = value;
    } else if (name == "location") {
        r->location = value;
    } else if (name == "content-encoding") {
        r->content_encoding = value;
    } else if (name == "retry-after") {
        // Seconds, or an HTTP date (then the seconds from now to it); what neither is, "a
        // while" (the caller caps every wait).
        const bool seconds =
            !value.empty() && std::all_of(value.begin(), value.end(),
                                          [](unsigned char c) { return std::isdigit(c); });
        if (seconds) {
            r->retry_after = std::atof(value.c_str());
        } else if (const auto at = util::http_date_seconds(value)) {
            const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
            r->retry_after = static_cast<double>(std::max(0LL, *at - static_cast<long long>(now)));
        } else {
            r->retry_after = 30;
        }
    }
    return n;
}

// libcurl's progress callback: a non-zero answer abandons the transfer, so that a stop asked
// for (SIGINT) does not wait out a slow server's timeout.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* cancelled = static_cast<const std::function<bool()>*>(user);
    return *cancelled && (*cancelled)() ? 1 : 0;
}

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw std::runtime_error("libcurl could not be initialised");
    });
}

}  // namespace

struct HttpClient::Handle {
    CURL* curl = nullptr;
    ~Handle() {
        if (curl) curl_easy_cleanup(curl);
    }
};

HttpClient::HttpClient(HttpOptions options)
    : options_(std::move(options)), handle_(std::make_unique<Handle>()) {
    global_init();
    handle_->curl = curl_easy_init();
    if (!handle_->curl) throw std::runtime_error("libcurl could not make a handle");
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::get(const HttpRequest& request) {
    HttpResponse response;
    CURL* curl = handle_->curl;
    curl_easy_reset(curl);  // keeps the connection cache: one connection per host is reused
    Transfer transfer{&response, options_.max_bytes};
    curl_slist* headers = nullptr;
    if (!request.if_none_match.empty())
        headers = curl_slist_append(headers, ("If-None-Match: " + request.if_none_match).c_str());
    if (!request.if_modified_since.empty())
        headers =
            curl_slist_append(headers, ("If-Modified-Since: " + request.if_modified_since).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    // At least 1 ms each: libcurl reads 0 as no timeout at all.
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                     std::max(1L, std::lround(options_.timeout_seconds * 1000)));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     std::max(1L, std::lround(options_.connect_timeout_seconds * 1000)));
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_bytes));
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip, deflate, as built
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
    if (options_.cancelled) {
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &options_.cancelled);
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    }
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    if (code == CURLE_OK) return response;
    // The server may have answered (a status line came) and then failed to finish: the
    // message says so rather than "no answer".
    const long answered = response.status;
    const std::string answer =
        answered ? "the server answered " + std::to_string(answered) : std::string();
    response.body.clear();
    response.status = 0;  // no usable response, whatever its status line said
    if (transfer.too_big || code == CURLE_FILESIZE_EXCEEDED) {
        response.error =
            "over the size limit of " + std::to_string(options_.max_bytes) + " bytes (--max-bytes)";
        response.detail = (answered ? answer : "the server answered") + " with more than " +
                          std::to_string(options_.max_bytes) + " bytes";
        return response;
    }
    std::ostringstream timeout;
    timeout << options_.timeout_seconds;
    switch (code) {
        case CURLE_ABORTED_BY_CALLBACK:
            response.error = "interrupted";
            response.detail = "the run was stopped";
            break;
        case CURLE_OPERATION_TIMEDOUT:
            response.error = "timed out";
            response.detail = answered ? answer + " but the body did not arrive within " +
                                             timeout.str() + " s (--timeout)"
                                       : "no answer within " + timeout.str() + " s (--timeout)";
            response.transient = true;
            break;
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
            response.error = curl_easy_strerror(code);
            response.transient = true;
            break;
        case CURLE_BAD_CONTENT_ENCODING:
            // libcurl's "Unrecognized or bad HTTP Content or Transfer-Encoding" named neither
            // the encoding nor that the bytes, not the connection, were at fault.
            response.error = "undecodable body";
            response.detail =
                (answered ? answer : std::string("the server answered")) + " with " +
                (response.content_encoding.empty()
                     ? std::string("a compressed body")
                     : "a body in Content-Encoding '" + response.content_encoding + "'") +
                " that could not be decoded (corrupt, or an encoding this build cannot read)";
            break;
        default:
            response.error = curl_easy_strerror(code);
    }
    if (response.detail.empty())
        response.detail = answered ? answer + ", then the transfer failed" : "no answer";
    response.status = 0;
    return response;
}

}  // namespace parley::fetch
