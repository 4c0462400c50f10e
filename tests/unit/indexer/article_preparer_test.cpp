#include "writer/article_preparer.hpp"

#include <gtest/gtest.h>

#include "parley/gazetteer.hpp"
#include "schema/paragraph_record.hpp"

namespace parley::writer {
namespace {

std::vector<std::string> terms_of(const Xapian::Document& doc) {
    std::vector<std::string> out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) out.push_back(*it);
    return out;
}

Article article(std::string id, std::string title, std::vector<std::string> paragraphs) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.authors = {"Mara Lindqvist"};
    a.date = "2023-07-18";
    a.source = "The Meridian Review";
    a.paragraphs = std::move(paragraphs);
    return a;
}

TEST(ArticlePreparer, AnArticleIndexesTheSameAloneOrAfterOthers) {
    const Tagger tagger(Gazetteer::builtin());
    const Article second = article("b", "Vilnius and Ukraine",
                                   {"NATO leaders met in Vilnius.", "Kyiv wanted a date."});

    ArticlePreparer fresh(tagger, "en");
    const PreparedArticle alone = fresh.prepare(second);

    ArticlePreparer used(tagger, "en");
    used.prepare(
        article("a", "Iran deal", {"The IAEA inspectors verified Iran's compliance in Tehran."}));
    const PreparedArticle after = used.prepare(second);

    ASSERT_EQ(alone.paragraphs.size(), 2u);
    ASSERT_EQ(after.paragraphs.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i)
        EXPECT_EQ(terms_of(alone.paragraphs[i]), terms_of(after.paragraphs[i]));
}

TEST(ArticlePreparer, BuildsTermsValuesAndRecord) {
    const Tagger tagger(Gazetteer::builtin());
    ArticlePreparer preparer(tagger, "en");
    const PreparedArticle p = preparer.prepare(
        article("mr-1", "AUKUS at three",
                {"Australia's submarines patrol the sea lanes; more submarines will follow.", ""}));
    ASSERT_FALSE(p.skipped);
    ASSERT_EQ(p.paragraphs.size(), 1u);  // the empty paragraph is dropped
    const auto terms = terms_of(p.paragraphs[0]);
    for (const char* t :
         {"XI:mr-1", "XA:Australia", "XT:maritime", "XM:maritime", "XW:Mara Lindqvist",
          "XS:The Meridian Review", "XY:2023", "XL:en", "Zaustralia", "Zsubmarin", "Saukus"}) {
        EXPECT_NE(std::find(terms.begin(), terms.end(), t), terms.end()) << t;
    }
    EXPECT_EQ(p.paragraphs[0].get_value(0), "2023-07-18");
    const auto record = schema::ParagraphRecord::decode(p.paragraphs[0].get_data());
    EXPECT_EQ(record.text,
              "Australia's submarines patrol the sea lanes; more submarines will follow.");
    EXPECT_EQ(record.paragraph, 1u);
    EXPECT_EQ(record.article_id, "mr-1");
    const auto a = schema::ArticleRecord::decode(p.article_record);
    EXPECT_EQ(a.title, "AUKUS at three");
    EXPECT_EQ(a.paragraph_count, 1u);
    EXPECT_EQ(a.authors, std::vector<std::string>{"Mara Lindqvist"});
    EXPECT_EQ(a.date, "2023-07-18");
}

std::vector<std::string> actors_of(const Xapian::Document& doc) {
    std::vector<std::string> out;
    for (const auto& t : terms_of(doc))
        if (t.starts_with("XA:")) out.push_back(t.substr(3));
    return out;
}

using Actors = std::vector<std::string>;

TEST(ArticlePreparer, ALeaderNamedInFullIsNamedBySurnameInOtherParagraphs) {
    const Tagger tagger(Gazetteer::builtin());
    ArticlePreparer preparer(tagger, "en");
    Article a = article("suez", "Suez",
                        {"Nasser spoke first.",  // before the full name: the article names him
                         "Gamal Abdel Nasser nationalised the canal company.",
                         "The Nasser government holds the canal; Nasser's rivals wait.",
                         "Robert Nasser and the Nasser Institute are others."});
    a.date = "1956-11-08";
    const PreparedArticle p = preparer.prepare(a);
    ASSERT_EQ(p.paragraphs.size(), 4u);
    for (std::size_t i : {0, 1, 2})
        EXPECT_EQ(actors_of(p.paragraphs[i]), Actors{"Gamal Abdel Nasser"}) << i;
    EXPECT_EQ(actors_of(p.paragraphs[3]), Actors{});

    // Alone, a surname that is no alias names nobody.
    const PreparedArticle alone =
        preparer.prepare(article("alone", "Suez", {"Nasser spoke first."}));
    EXPECT_EQ(actors_of(alone.paragraphs[0]), Actors{});
}

TEST(ArticlePreparer, ASecondMentionGoesToTheNamesakeTheArticleNamed) {
    const Tagger tagger(Gazetteer::builtin());
    ArticlePreparer preparer(tagger, "en");
    // Dated in the son's term, but the article named the father: "Bush" is the father.
    Article a = article("gulf", "Gulf War memories",
                        {"George H. W. Bush built the coalition of 1991.",
                         "Bush never marched on Baghdad. In May the memoirs came out."});
    a.date = "2004-05-01";
    const PreparedArticle p = preparer.prepare(a);
    ASSERT_EQ(p.paragraphs.size(), 2u);
    EXPECT_EQ(actors_of(p.paragraphs[1]), Actors{"George H. W. Bush"});

    // A surname that names something else is read as that: "Washington" is the capital.
    Article w = article("farewell", "Farewell",
                        {"George Washington warned against foreign entanglements.",
                         "A dinner in Washington marked the day. Washington listened."});
    const PreparedArticle r = preparer.prepare(w);
    EXPECT_EQ(actors_of(r.paragraphs[1]), Actors{"United States"});

    // A surname that is a month is the month ("In May", "May 2019", "May brought"), unless a
    // verb of saying follows it: "May said" after Theresa May is she.
    Article m = article("brexit", "Brexit",
                        {"Theresa May resigned.", "In May the party chose a successor.",
                         "By May 2019 the deal was dead. May brought no relief.",
                         "May said the backstop was temporary.",
                         "Later, May also told MPs she would go.", "May, said aides, was tired."});
    m.date = "2019-06-01";
    const PreparedArticle q = preparer.prepare(m);
    ASSERT_EQ(q.paragraphs.size(), 6u);
    EXPECT_EQ(actors_of(q.paragraphs[1]), Actors{});
    EXPECT_EQ(actors_of(q.paragraphs[2]), Actors{});
    EXPECT_EQ(actors_of(q.paragraphs[3]), Actors{"Theresa May"});
    EXPECT_EQ(actors_of(q.paragraphs[4]), Actors{"Theresa May"});
    EXPECT_EQ(actors_of(q.paragraphs[5]), Actors{});  // a comma before the verb
}

TEST(ArticlePreparer, ASurnameThatIsACommonWordNeedsMoreThanASentenceStart) {
    const Tagger tagger(Gazetteer::builtin());
    ArticlePreparer preparer(tagger, "en");
    Article a = article(
        "major", "The Major years",
        {"John Major and Gordon Brown spoke; so did Condoleezza Rice.", "Major reforms followed.",
         "Brown leaves fell in the park.", "Rice prices rose in Asia.",
         "Major said he would not resign.", "Major's critics disagree.",
         "Brown, meanwhile, waited.", "Mr. Major always counts.",
         "The reforms were major, and Brown left.", "Brown government ministers resigned.",
         "Major and Brown met again.", "Bush policies failed."});
    a.date = "1995-03-01";
    const PreparedArticle p = preparer.prepare(a);
    ASSERT_EQ(p.paragraphs.size(), 12u);
    for (std::size_t i : {1, 2, 3}) EXPECT_EQ(actors_of(p.paragraphs[i]), Actors{}) << i;
    for (std::size_t i : {4, 5, 7})
        EXPECT_EQ(actors_of(p.paragraphs[i]), Actors{"John Major"}) << i;
    EXPECT_EQ(actors_of(p.paragraphs[6]), Actors{"Gordon Brown"});
    EXPECT_EQ(actors_of(p.paragraphs[8]), Actors{"Gordon Brown"});
    EXPECT_EQ(actors_of(p.paragraphs[9]), Actors{"Gordon Brown"});
    // An English alias is the gazetteer's choice: "Bush" is no common word there.
    EXPECT_EQ(actors_of(p.paragraphs[11]), Actors{"George H. W. Bush"});
    EXPECT_EQ(actors_of(p.paragraphs[10]), (Actors{"Gordon Brown", "John Major"}));

    // A surname the article writes in lower case is a common word there too.
    Article w = article("wilson", "Wilson",
                        {"Harold Wilson took office.", "Wilson reforms were wilson reforms."});
    w.date = "1965-03-01";
    EXPECT_EQ(actors_of(preparer.prepare(w).paragraphs[1]), Actors{});
}

TEST(ArticlePreparer, SecondMentionsFollowSurnamesInTheArticlesLanguage) {
    const Tagger tagger(Gazetteer::builtin());
    ArticlePreparer preparer(tagger, "en");
    // Russian: the surname of a full name ("Джимми Картер"), declined; a name that is also
    // a word ("Коль скоро": as long as) needs a verb after it at a sentence start.
    Article ru =
        article("ru", "Тест",
                {"Гельмут Коль и Джимми Картер встретились.", "Позиция Картера не изменилась.",
                 "Западные лидеры позвонили Картеру.", "Коль скоро санкции действуют, надо ждать.",
                 "Коль заявил, что рад.", "Позже Картер заявил о переговорах.",
                 "Гельмут Картер, его тёзка, промолчал."});
    ru.language = "ru";
    ru.date = "1979-03-01";
    const PreparedArticle r = preparer.prepare(ru);
    ASSERT_EQ(r.paragraphs.size(), 7u);
    for (std::size_t i : {1, 2, 5})
        EXPECT_EQ(actors_of(r.paragraphs[i]), Actors{"Jimmy Carter"}) << i;
    EXPECT_EQ(actors_of(r.paragraphs[3]), Actors{});
    EXPECT_EQ(actors_of(r.paragraphs[4]), Actors{"Helmut Kohl"});
    // A first name of the gazetteer's Russian names makes another person's name.
    EXPECT_EQ(actors_of(r.paragraphs[6]), Actors{});

    // A Russian name longer than the English one is in another order: "Ли Сын Ман" is Syngman
    // Rhee, and "Ман" is not his surname.
    Article rhee = article("rhee", "Тест", {"Ли Сын Ман правил Кореей.", "Ман заявил о победе."});
    rhee.language = "ru";
    rhee.date = "1955-03-01";
    const PreparedArticle h = preparer.prepare(rhee);
    ASSERT_EQ(h.paragraphs.size(), 2u);
    EXPECT_EQ(actors_of(h.paragraphs[1]), Actors{});

    // German: "die Merkel", "der Scholz" colloquially name the leader the article names.
    Article de = article(
        "de", "Test",
        {"Bundeskanzlerin Angela Merkel traf Olaf Scholz.", "Die Merkel hat wieder gezögert.",
         "Der Scholz wird das nicht tun.", "Der Kohl ist teurer geworden."});
    de.language = "de";
    de.date = "2021-03-01";
    const PreparedArticle d = preparer.prepare(de);
    ASSERT_EQ(d.paragraphs.size(), 4u);
    EXPECT_EQ(actors_of(d.paragraphs[1]), Actors{"Angela Merkel"});
    EXPECT_EQ(actors_of(d.paragraphs[2]), Actors{"Olaf Scholz"});
    EXPECT_EQ(actors_of(d.paragraphs[3]), Actors{});  // cabbage: the article names no Kohl
}

TEST(ArticlePreparer, ATitleTellsNamesakesApartBeforeTheDate) {
    const Tagger tagger(Gazetteer::builtin());
    ArticlePreparer preparer(tagger, "en");
    // In 2020 Boris Johnson was in office, but as prime minister: "President Johnson" is
    // Lyndon Johnson.
    Article a = article("titles", "Titles",
                        {"President Johnson signed the Civil Rights Act.",
                         "Prime Minister Johnson spoke on Brexit.", "Mr. Johnson spoke."});
    a.date = "2020-03-01";
    const PreparedArticle p = preparer.prepare(a);
    ASSERT_EQ(p.paragraphs.size(), 3u);
    EXPECT_EQ(actors_of(p.paragraphs[0]), Actors{"Lyndon B. Johnson"});
    EXPECT_EQ(actors_of(p.paragraphs[1]), Actors{"Boris Johnson"});
    EXPECT_EQ(actors_of(p.paragraphs[2]), Actors{"Boris Johnson"});  // no office: the date
}

TEST(ArticlePreparer, SkipsEmptyArticlesAndInvalidUtf8) {
    const Tagger tagger(Gazetteer::builtin());
    ArticlePreparer preparer(tagger, "en");
    EXPECT_TRUE(preparer.prepare(article("e", "", {" ", ""})).skipped);
    // A title with no text is indexed by its title, as the readers do, with a warning.
    const PreparedArticle headline = preparer.prepare(article("h", "Headline", {" ", ""}));
    EXPECT_FALSE(headline.skipped);
    ASSERT_EQ(headline.paragraphs.size(), 1u);
    ASSERT_EQ(headline.problems.size(), 1u);
    EXPECT_EQ(headline.problems[0].reason, "no text");
    const PreparedArticle bad = preparer.prepare(article("u", "Bad", {"ok", "bro\xffken"}));
    EXPECT_TRUE(bad.skipped);
    ASSERT_EQ(bad.problems.size(), 1u);
    EXPECT_EQ(bad.problems[0].reason, "invalid UTF-8");
    EXPECT_EQ(bad.problems[0].detail, "in paragraph 2");
}

TEST(ArticlePreparer, WarnsAboutUnknownLanguagesAndDates) {
    const Tagger tagger(Gazetteer::builtin());
    ArticlePreparer preparer(tagger, "en");
    Article a = article("x", "T", {"text"});
    a.language = "klingon";
    a.date = "someday";
    const PreparedArticle p = preparer.prepare(a);
    EXPECT_FALSE(p.skipped);
    EXPECT_EQ(p.language, "en");
    EXPECT_EQ(p.problems.size(), 2u);
}

}  // namespace
}  // namespace parley::writer
