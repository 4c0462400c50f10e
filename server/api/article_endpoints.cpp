#include "api/article_endpoints.hpp"

#include <filesystem>

#include "http/api_error.hpp"
#include "http/json_response.hpp"
#include "http/request_params.hpp"
#include "parley/article_reader.hpp"
#include "parley/index_writer.hpp"
#include "parley/json_forms.hpp"
#include "service/credentials.hpp"
#include "util/ascii.hpp"
#include "util/utf8.hpp"

namespace parley::server {
namespace {

void require_token(const ApiContext& context, const httplib::Request& request,
                   httplib::Response& response) {
    if (context.options().shard_set) {
        throw ApiError(403,
                       "this server searches a shard set, which is read-only: write to each "
                       "shard's index with parley-index where it is stored");
    }
    const std::string& token = context.options().token;
    if (token.empty()) throw ApiError(403, "writes are disabled; start parley-serve with --token");
    const std::string header = request.get_header_value("Authorization");
    const auto credentials = bearer_credentials(header);
    if (!credentials || !same_secret(*credentials, token)) {
        response.set_header("WWW-Authenticate", "Bearer");
        throw ApiError(401, write_refusal(header));
    }
}

// Writing to a directory that holds no index must not create one.
void require_index(const std::string& path) {
    if (!std::filesystem::exists(path + "/XAPIANDB"))
        throw IndexMissingError(path + ": no Parley index there (it was removed?)");
}

// The article named by /articles/{id} or /articles?id=ID (ids that are URLs are easier so).
std::string article_id_of(const httplib::Request& request, const PathParams& path,
                          const char* method) {
    const QueryParams params(request, {"id"});
    const auto query_id = params.single("id");
    if (!path.empty() && query_id)
        throw ApiError(400, "give the article id in the path or as ?id=, not both");
    const std::string id = path.empty() ? query_id.value_or("") : path[0];
    if (id.empty()) {
        throw ApiError(400, std::string("give an article id: ") + method +
                                " /articles/{id} or /articles?id=ID");
    }
    return id;
}

IndexOptions writer_options(const ApiContext& context) {
    IndexOptions options;
    options.path = context.options().index_path;
    options.threads = 1;  // a few articles per request: no bulk build, no analysis threads
    return options;
}

}  // namespace

void get_article(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                 const PathParams& path) {
    const std::string id = article_id_of(request, path, "GET");
    std::vector<std::string> missing;
    const auto article = context.with_searcher([&](Searcher& searcher) {
        auto found = searcher.article(id);
        missing = searcher.missing_shards();
        return found;
    });
    if (!article) {
        refuse_if_shards_missing(missing, "article '" + id + "'");
        throw ApiError(404, "no article with id '" + id + "'");
    }
    send_json(response, 200, article_view_json(*article));
}

void post_articles(ApiContext& context, const httplib::Request& request,
                   httplib::Response& response, const PathParams&) {
    require_token(context, request, response);
    const QueryParams params(request, {});
    // Media types are case-insensitive (RFC 9110): "Application/JSON" is JSON.
    const std::string type = util::ascii_lower(request.get_header_value("Content-Type"));
    if (type.compare(0, 16, "application/json") != 0) {
        throw ApiError(415,
                       "send the articles as JSON with 'Content-Type: application/json' "
                       "(one article object, or an array of them)");
    }
    // Each article is checked exactly as `parley-index` checks a JSON Lines record; a
    // problem's line is the article's place in the request.
    IngestReport read_report;
    std::vector<Article> articles;
    const InputLimits limits;
    const bool readable = read_json_articles(
        request.body, "request", limits,
        [&](Article&& article) { articles.push_back(std::move(article)); }, read_report);
    if (!readable) {
        const IngestProblem& why = read_report.problems.back();
        throw ApiError(400, "the body is not usable JSON: " + why.reason + ": " +
                                util::printable(why.detail, 300) +
                                " (send one article object, or an array of them)");
    }
    if (articles.empty() && read_report.problems.empty())
        throw ApiError(400, "the body is an empty array: no articles to add");

    IngestReport report;
    {
        const std::lock_guard lock(context.write_mutex());
        require_index(context.options().index_path);
        IndexWriter writer(writer_options(context));
        for (auto& article : articles) writer.add(std::move(article));
        writer.commit();
        report = writer.report();
    }
    send_json(response, 200, articles_added_json(read_report, report));
}

void delete_article(ApiContext& context, const httplib::Request& request,
                    httplib::Response& response, const PathParams& path) {
    require_token(context, request, response);
    const std::string id = article_id_of(request, path, "DELETE");
    bool deleted = false;
    {
        const std::lock_guard lock(context.write_mutex());
        require_index(context.options().index_path);
        IndexWriter writer(writer_options(context));
        deleted = writer.remove(id);
        writer.commit();
    }
    if (!deleted) throw ApiError(404, "no article with id '" + id + "'");
    send_json(response, 200, article_deleted_json(id));
}

}  // namespace parley::server
