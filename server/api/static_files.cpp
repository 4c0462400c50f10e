#include "api/static_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/api_error.hpp"
#include "util/utf8.hpp"

namespace parley::server {
namespace {

namespace fs = std::filesystem;

const char* content_type(const fs::path& file) {
    const std::string ext = file.extension().string();
    if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

// Reads the file on each request: the page can be edited while the server runs.
void send_file(const ApiContext& context, httplib::Response& response, const std::string& file) {
    // A NUL would end the name the system sees ("page.html%00.txt"); no control characters.
    const bool control = std::any_of(file.begin(), file.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    const fs::path relative = fs::path(file).lexically_normal();
    if (control || relative.is_absolute() || relative.empty() || *relative.begin() == "..")
        throw ApiError(400, "bad file path '" + util::printable(file, 200) + "'");
    const std::string& web_dir = context.options().web_dir;
    const fs::path path = fs::path(web_dir) / relative;
    std::error_code ec;
    if (web_dir.empty() || !fs::is_regular_file(path, ec)) {
        // The web directory's own path is the operator's business, not the client's.
        throw ApiError(404, web_dir.empty() ? "no web directory (start parley-serve with --web DIR)"
                                            : "no file " + util::printable(relative.string(), 200));
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) throw ApiError(404, "cannot read " + util::printable(relative.string(), 200));
    response.status = 200;
    response.set_header("Cache-Control", "no-cache");
    // The type is the one the extension names: a browser does not guess another (a page file
    // of an unknown type, application/octet-stream, is never run as HTML).
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_content(content.str(), content_type(path));
}

}  // namespace

void get_static_file(ApiContext& context, const httplib::Request&, httplib::Response& response,
                     const PathParams& path) {
    send_file(context, response, path.at(0));
}

void get_index_page(ApiContext& context, const httplib::Request&, httplib::Response& response,
                    const PathParams&) {
    send_file(context, response, "index.html");
}

}  // namespace parley::server
