#include "search/request_query.hpp"

#include "parley/error.hpp"
#include "schema/facets.hpp"

namespace parley::search {

query::QueryNode RequestQuery::with_selections(int except) const {
    if (selected.empty()) return unselected;
    query::QueryNode all;
    all.type = query::QueryNode::Type::And;
    all.children.push_back(unselected);
    for (const auto& [facet, node] : selected) {
        if (facet != except) all.children.push_back(node);
    }
    return all;
}

std::string plain_selection(const std::string& selection) {
    const auto colon = selection.find(':');
    if (colon == std::string::npos || selection.size() < colon + 3 || selection[colon + 1] != '"' ||
        selection.back() != '"')
        return selection;
    std::string out = selection.substr(0, colon + 1);
    for (std::size_t i = colon + 2; i + 1 < selection.size(); ++i) {
        if (selection[i] == '\\' && i + 2 < selection.size()) {
            ++i;
        } else if (selection[i] == '"') {
            return selection;  // not one quoted value
        }
        out += selection[i];
    }
    return out;
}

RequestQuery parse_request_query(const SearchRequest& request, query::QueryParser& parser) {
    RequestQuery out;
    query::ParsedQuery parsed = parser.parse(request.query);
    out.notes = std::move(parsed.notes);
    out.unknown_fields = std::move(parsed.unknown_fields);
    out.unselected = std::move(parsed.root);
    for (const auto& filter : request.filters) {
        query::ParsedQuery extra = parser.parse(filter);
        for (auto& n : extra.notes) out.notes.push_back("filter '" + filter + "': " + n);
        for (auto& n : extra.unknown_fields)
            out.unknown_fields.push_back("filter '" + filter + "': " + n);
        query::QueryNode both;
        both.type = query::QueryNode::Type::And;
        both.children.push_back(std::move(out.unselected));
        both.children.push_back(std::move(extra.root));
        out.unselected = std::move(both);
    }
    // Selections: one OR per facet, ANDed with the query and with each other.
    for (const auto& written : request.selections) {
        const std::string selection = plain_selection(written);
        const auto colon = selection.find(':');
        const auto named = colon == std::string::npos
                               ? std::nullopt
                               : schema::facet_named(std::string_view(selection).substr(0, colon));
        if (!named) {
            throw QueryError("selection '" + selection +
                             "' is not facet:value (facets: " + schema::facet_list() + ")");
        }
        const int facet = static_cast<int>(schema::number(*named));
        query::QueryNode value;
        value.type = query::QueryNode::Type::Field;
        value.field = selection.substr(0, colon);
        value.value = selection.substr(colon + 1);
        value.text = selection;
        auto [it, fresh] = out.selected.try_emplace(facet);
        it->second.type = query::QueryNode::Type::Or;
        it->second.children.push_back(std::move(value));
    }
    out.root = out.with_selections(-1);
    return out;
}

}  // namespace parley::search
