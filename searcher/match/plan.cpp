#include "match/plan.hpp"

namespace parley::match {

Plan with_role(Plan plan, Role role) {
    plan.role = role;
    for (auto& child : plan.children) child = with_role(std::move(child), role);
    return plan;
}

std::string describe(const Plan& plan) {
    using Op = Plan::Op;
    auto list = [&](const char* name) {
        std::string out = name;
        out += '(';
        for (std::size_t i = 0; i < plan.children.size(); ++i) {
            if (i) out += ", ";
            out += describe(plan.children[i]);
        }
        return out + ')';
    };
    const char* role = plan.role == Role::Title      ? "^title"
                       : plan.role == Role::Entity   ? "^entity"
                       : plan.role == Role::Feedback ? "^feedback"
                       : plan.role == Role::Boolean  ? "^0"
                                                     : "";
    switch (plan.op) {
        case Op::Term:
            return plan.term + role;
        case Op::ArticleTerm:
            return "ARTICLE(" + plan.term + ")" + role;
        case Op::Synonym:
            return list("SYNONYM") + role;
        case Op::Phrase: {
            std::string out = "\"";
            for (std::size_t i = 0; i < plan.words.size(); ++i)
                out += (i ? " " : "") + plan.words[i];
            return out + "\"" + role;
        }
        case Op::TitlePhrase: {
            std::string out = "TITLE(\"";
            for (std::size_t i = 0; i < plan.words.size(); ++i)
                out += (i ? " " : "") + plan.words[i];
            return out + "\")" + role;
        }
        case Op::Near: {
            const char* name = plan.proximity.order == Proximity::Order::Typed    ? "ADJ/"
                               : plan.proximity.order == Proximity::Order::Sloppy ? "SLOP/"
                                                                                  : "NEAR/";
            return list((name + std::to_string(plan.proximity.distance)).c_str());
        }
        case Op::And:
            return list("AND");
        case Op::Or:
            return list("OR");
        case Op::AndMaybe:
            return list("AND_MAYBE");
        case Op::AndNot:
            return list("AND_NOT");
        case Op::Filter:
            return list("FILTER");
        case Op::DateRange:
            return "DATE(" + plan.from + ".." + plan.to + ")";
        case Op::All:
            return "ALL";
        case Op::Nothing:
            return "NOTHING";
    }
    return "?";
}

}  // namespace parley::match
