#include "writer/near_duplicates.hpp"

#include <gtest/gtest.h>

#include "schema/paragraph_record.hpp"
#include "schema/schema.hpp"

namespace parley::writer {
namespace {

const std::string kLabel = "0123456789abcdef";

std::vector<std::string> words(std::initializer_list<const char*> list) {
    std::vector<std::string> out;
    for (const char* w : list) out.push_back(schema::term(schema::kWordPrefix, w));
    std::sort(out.begin(), out.end());
    return out;
}

// An indexed article of the group: its paragraphs' words and duplicate keys.
void add_article(Xapian::WritableDatabase& db, const std::string& id,
                 const std::vector<std::pair<std::vector<std::string>, std::string>>& paragraphs) {
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        Xapian::Document doc;
        for (const auto& w : paragraphs[i].first) doc.add_term(w);
        doc.add_boolean_term(schema::article_term(id));
        if (i == 0) doc.add_boolean_term(schema::term(schema::kGroupPrefix, kLabel));
        doc.add_value(schema::kDuplicateKeySlot, kLabel + paragraphs[i].second);
        schema::ParagraphRecord record;
        record.article_id = id;
        record.paragraph = static_cast<std::uint32_t>(i + 1);
        doc.set_data(record.encode());
        db.add_document(doc);
    }
}

TEST(NearDuplicates, AParagraphTakesTheKeyOfTheMostSimilarOriginal) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const auto first = words({"sanction", "oil", "price", "cap", "russia", "export", "revenu"});
    const auto second = words({"navi", "drill", "aukus", "submarin", "pacif", "alli"});
    add_article(db, "original", {{first, "k1"}, {second, "k2"}});
    // A copy whose first paragraph was retouched (one word changed: 6 of 8 shared, 0.75)
    // and so took the original's key.
    const auto retouched = words({"sanction", "oil", "price", "cap", "russia", "export", "tanker"});
    add_article(db, "copy", {{retouched, "k1"}, {second, "k2"}});

    std::vector<std::string> keys = {"own1", "own2", "own3"};
    align_paragraph_keys(
        {db}, kLabel, "new",
        {
            // Close to the original's first paragraph.
            words({"sanction", "oil", "price", "cap", "russia", "export"}),
            // Close to the copy's retouched paragraph only (0.75 to it,
            // 0.56 to the original): drifted too far from the original.
            words({"sanction", "oil", "price", "cap", "russia", "tanker", "fleet"}),
            // The second paragraph, as it is.
            second,
        },
        keys);
    EXPECT_EQ(keys, (std::vector<std::string>{"k1", "own2", "k2"}));
}

TEST(NearDuplicates, ACopyIsNotAlignedWithItself) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const auto text = words({"trade", "tariff", "steel", "alumin", "quota", "wto"});
    add_article(db, "same", {{text, "k1"}});
    std::vector<std::string> keys = {"own1"};
    align_paragraph_keys({db}, kLabel, "same", {text}, keys);
    EXPECT_EQ(keys, (std::vector<std::string>{"own1"}));
}

}  // namespace
}  // namespace parley::writer
