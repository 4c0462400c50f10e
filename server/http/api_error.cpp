#include "http/api_error.hpp"

namespace parley::server {

int http_status_for(const Error& error) noexcept {
    if (dynamic_cast<const UsageError*>(&error) || dynamic_cast<const InputError*>(&error))
        return 400;
    if (dynamic_cast<const IndexMissingError*>(&error) ||
        dynamic_cast<const IndexLockedError*>(&error) ||
        dynamic_cast<const ShardUnavailableError*>(&error))
        return 503;
    return 500;
}

const char* reason_phrase(int status) noexcept {
    switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 413:
            return "Payload Too Large";
        case 414:
            return "URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 416:
            return "Range Not Satisfiable";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Error";
    }
}

}  // namespace parley::server
