#include "schema/paragraph_record.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "parley/error.hpp"

namespace parley::schema {
namespace {

using namespace std::string_literals;

ParagraphRecord sample_paragraph() {
    ParagraphRecord r;
    r.article_id = "a1";
    r.paragraph = 3;
    r.text = "hello";
    r.actors = {"China", "Russia"};
    r.actor_types = {"state"};
    r.topics = {"maritime", "military"};
    r.mentioned_topics = {"maritime", "military", "trade"};
    r.topic_evidence = {
        {"maritime", {"navy", "sea"}}, {"military", {"navy"}}, {"trade", {"tariff"}}};
    return r;
}

ArticleRecord sample_article() {
    ArticleRecord r;
    r.article_id = "a1";
    r.paragraph_count = 2;
    r.title = "Title";
    r.authors = {"A", "B"};
    r.date = "2024-03-05";
    r.source = "S";
    r.url = "https://x.example/";
    r.language = "en";
    return r;
}

TEST(ParagraphRecord, DecodesWhatItEncodes) {
    const std::string data = sample_paragraph().encode();
    const ParagraphRecord r = ParagraphRecord::decode(data);
    EXPECT_EQ(r.article_id, "a1");
    EXPECT_EQ(r.paragraph, 3u);
    EXPECT_EQ(r.text, "hello");
    EXPECT_EQ(r.actors, (std::vector<std::string>{"China", "Russia"}));
    EXPECT_EQ(r.actor_types, std::vector<std::string>{"state"});
    EXPECT_EQ(r.topics, (std::vector<std::string>{"maritime", "military"}));
    EXPECT_EQ(r.mentioned_topics, sample_paragraph().mentioned_topics);
    EXPECT_EQ(r.topic_evidence, sample_paragraph().topic_evidence);
    EXPECT_EQ(r.encode(), data);
    EXPECT_EQ(ParagraphRecord::article_id_in(data), "a1");
}

// A record written before topics named in passing were kept (version 4) reads with its
// topics as everything it mentions, until `retag` rewrites it.
TEST(ParagraphRecord, ReadsAVersion4RecordAsMentioningItsTopicsOnly) {
    const std::string version4 =
        "\x04\x02"
        "a1\x03\x05hello\x00\x00\x01\x08maritime\x01\x04navy"s;
    const ParagraphRecord r = ParagraphRecord::decode(version4);
    EXPECT_EQ(r.topics, std::vector<std::string>{"maritime"});
    EXPECT_EQ(r.mentioned_topics, std::vector<std::string>{"maritime"});
    EXPECT_EQ(r.topic_evidence.at("maritime"), std::vector<std::string>{"navy"});
    EXPECT_EQ(ParagraphRecord::article_id_in(version4), "a1");
    const ParagraphRecord again = ParagraphRecord::decode(r.encode());
    EXPECT_EQ(again.mentioned_topics, r.mentioned_topics) << "written again as version 5";
    EXPECT_EQ(again.topic_evidence, r.topic_evidence);
}

// Topics in passing are written sorted and apart from the topics: other bytes are no record.
TEST(ParagraphRecord, RefusesTopicsInPassingOutOfOrderOrRepeated) {
    const std::string head =
        "\x05\x02"
        "a1\x03\x05hello\x00\x00\x01\x08maritime\x00"s;
    EXPECT_NO_THROW(ParagraphRecord::decode(head + "\x02\x05trade\x00\x07tsunami\x00"s));
    EXPECT_THROW(ParagraphRecord::decode(head + "\x02\x07tsunami\x00\x05trade\x00"s), IndexIoError);
    EXPECT_THROW(ParagraphRecord::decode(head + "\x01\x08maritime\x00"s), IndexIoError);
    EXPECT_THROW(ParagraphRecord::decode(head), IndexIoError) << "the list is not optional";
}

// An index written by Parley before topic evidence (record version 3) is refused with a
// message that says why and what to do, not read as something else.
TEST(ParagraphRecord, RefusesARecordOfAnOlderVersionSayingSo) {
    const std::string version3 =
        "\x03\x02"
        "a1\x03\x05hello\x00\x01\x08maritime"s;
    for (auto decode : {+[](std::string_view d) { ParagraphRecord::decode(d); },
                        +[](std::string_view d) { ParagraphRecord::article_id_in(d); }}) {
        try {
            decode(version3);
            ADD_FAILURE() << "a version 3 record was read";
        } catch (const IndexIoError& e) {
            const std::string message = e.what();
            EXPECT_NE(message.find("version 3"), std::string::npos) << message;
            EXPECT_NE(message.find("reads versions 4 to 5"), std::string::npos) << message;
            EXPECT_NE(message.find("rebuild"), std::string::npos) << message;
        }
    }
}

// Found by fuzz_record_decoding: bytes that are not a record's encoding decoded to a record
// (bytes after the last field ignored, a number in a longer form than encode() writes, a
// paragraph number past 32 bits cut short). Each is now a corrupt record.
TEST(ParagraphRecord, RefusesBytesThatAreNotAnEncoding) {
    const std::string good = sample_paragraph().encode();
    EXPECT_THROW(ParagraphRecord::decode(good + "x"), IndexIoError);
    EXPECT_THROW(ParagraphRecord::decode(good + "\0"s), IndexIoError);
    // version, id "a1", paragraph 3 written as two bytes (0x83 0x00), text "", no tags.
    EXPECT_THROW(ParagraphRecord::decode("\x04\x02"
                                         "a1\x83\x00\x00\x00\x00\x00"s),
                 IndexIoError);
    EXPECT_NO_THROW(
        ParagraphRecord::decode("\x04\x02"
                                "a1\x03\x00\x00\x00\x00"s));
    // Paragraph 2^32: five bytes, too large for the field.
    EXPECT_THROW(ParagraphRecord::decode("\x04\x02"
                                         "a1\x80\x80\x80\x80\x10\x00\x00\x00\x00"s),
                 IndexIoError);
    // A length past 64 bits.
    EXPECT_THROW(ParagraphRecord::decode("\x04\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f"s),
                 IndexIoError);
    // A topic twice, the second time with cues: read back, it would encode otherwise.
    EXPECT_THROW(ParagraphRecord::decode("\x04\x02"
                                         "a1\x03\x00\x00\x00\x02\x01t\x00\x01t\x01\x01w"s),
                 IndexIoError);
    // Every prefix of a record is a truncated record.
    for (std::size_t n = 0; n < good.size(); ++n)
        EXPECT_THROW(ParagraphRecord::decode(std::string_view(good).substr(0, n)), IndexIoError)
            << n;
}

TEST(ParagraphRecord, ArticleIdNeedsOnlyTheStart) {
    EXPECT_EQ(ParagraphRecord::article_id_in("\x04\x02"
                                             "a1"s),
              "a1");
    EXPECT_THROW(ParagraphRecord::article_id_in("\x04\x05"
                                                "a1"s),
                 IndexIoError);
    EXPECT_THROW(ParagraphRecord::article_id_in("\x02\x02"
                                                "a1"s),
                 IndexIoError);
}

TEST(ArticleRecord, DecodesWhatItEncodes) {
    const ArticleRecord r = ArticleRecord::decode(sample_article().encode());
    EXPECT_EQ(r.article_id, "a1");
    EXPECT_EQ(r.paragraph_count, 2u);
    EXPECT_EQ(r.title, "Title");
    EXPECT_EQ(r.authors, (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(r.date, "2024-03-05");
    EXPECT_EQ(r.source, "S");
    EXPECT_EQ(r.url, "https://x.example/");
    EXPECT_EQ(r.language, "en");
}

TEST(ArticleRecord, RefusesBytesThatAreNotAnEncoding) {
    const std::string good = sample_article().encode();
    EXPECT_THROW(ArticleRecord::decode(good + "x"), IndexIoError);
    for (std::size_t n = 0; n < good.size(); ++n)
        EXPECT_THROW(ArticleRecord::decode(std::string_view(good).substr(0, n)), IndexIoError) << n;
    // version, id "", paragraph count 0 as 0x80 0x00, then empty fields and no authors.
    EXPECT_THROW(ArticleRecord::decode("\x01\x00\x80\x00\x00\x00\x00\x00\x00\x00"s), IndexIoError);
    EXPECT_NO_THROW(ArticleRecord::decode("\x01\x00\x00\x00\x00\x00\x00\x00\x00"s));
    try {
        ArticleRecord::decode(good + "x");
    } catch (const IndexIoError& e) {
        EXPECT_NE(std::string(e.what()).find("corrupt article record"), std::string::npos)
            << e.what();
    }
}

std::string message_of(void (*decode)(std::string_view), std::string_view data) {
    try {
        decode(data);
    } catch (const IndexIoError& e) {
        return e.what();
    }
    return "(read)";
}

// A record this Parley cannot read says whose it is and what to do: one of a later version
// comes from a newer Parley (it was "article record of an unknown version", naming neither
// the article nor the cause), a corrupt one names its article and paragraph.
TEST(StoredRecords, ARecordThatCannotBeReadNamesItsArticleAndTheFix) {
    const auto article = +[](std::string_view d) { ArticleRecord::decode(d); };
    const auto paragraph = +[](std::string_view d) { ParagraphRecord::decode(d); };
    const auto id_only = +[](std::string_view d) { ParagraphRecord::article_id_in(d); };
    std::string newer_article = sample_article().encode();
    newer_article[0] = 2;
    std::string newer_paragraph = sample_paragraph().encode();
    newer_paragraph[0] = 9;
    for (const auto& [decode, data] :
         {std::pair{article, newer_article}, std::pair{paragraph, newer_paragraph},
          std::pair{id_only, newer_paragraph}}) {
        const std::string m = message_of(decode, data);
        EXPECT_NE(m.find("of article 'a1'"), std::string::npos) << m;
        EXPECT_NE(m.find("written by a newer Parley"), std::string::npos) << m;
        EXPECT_NE(m.find("rebuild it with this parley-index"), std::string::npos) << m;
    }
    EXPECT_NE(message_of(article, newer_article).find("version 2, but this Parley reads version 1"),
              std::string::npos);
    EXPECT_THROW(article(newer_article), RecordError);
    // An id that does not read as one is left out rather than printed as bytes.
    const std::string m = message_of(article, std::string{'\x07', '\x03', 'a', '\x01', 'b'});
    EXPECT_EQ(m.find("of article"), std::string::npos) << m;
    EXPECT_NE(m.find("article record: version 7"), std::string::npos) << m;

    const std::string good = sample_paragraph().encode();
    const std::string cut =
        message_of(paragraph, std::string_view(good).substr(0, good.size() - 1));
    EXPECT_NE(cut.find("corrupt paragraph record of article 'a1', paragraph 3"), std::string::npos)
        << cut;
    const std::string extra = message_of(article, sample_article().encode() + "x");
    EXPECT_NE(extra.find("corrupt article record of article 'a1'"), std::string::npos) << extra;
}

}  // namespace
}  // namespace parley::schema
