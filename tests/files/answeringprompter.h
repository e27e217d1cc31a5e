#pragma once

// A Prompter for tests: every question is recorded and answered at once, by `answer` (yes by
// default) or, for text, with `text`.

#include "session/prompter.h"

#include <QList>

class AnsweringPrompter : public OrkestrSession::Prompter
{
public:
    std::function<bool(const OrkestrSession::Question &)> answer = [](const OrkestrSession::Question &) {
        return true;
    };
    std::optional<QString> text;
    QList<OrkestrSession::Question> asked;

    // Back to yes for everything, forgetting what was asked (answers may refer to a test's locals).
    void reset()
    {
        answer = [](const OrkestrSession::Question &) {
            return true;
        };
        text.reset();
        asked.clear();
    }

    void confirm(const OrkestrSession::Question &question, std::function<void(bool accepted)> reply) override
    {
        asked.append(question);
        reply(answer(question));
    }
    void askText(const OrkestrSession::Question &question, const QString &,
                 std::function<void(std::optional<QString> text)> reply) override
    {
        asked.append(question);
        reply(text);
    }
    // What a question is about, from its button: "Replace", "Delete", "Discard" or "Open".
    static bool is(const OrkestrSession::Question &question, const char16_t *acceptLabel)
    {
        return question.acceptLabel == QStringView(acceptLabel);
    }
};

// A Prompter that keeps its questions unanswered until the test answers them, as a dialog does.
class DeferredPrompter : public OrkestrSession::Prompter
{
public:
    QList<OrkestrSession::Question> asked;
    QList<std::function<void(bool)>> pending;

    void confirm(const OrkestrSession::Question &question, std::function<void(bool accepted)> reply) override
    {
        asked.append(question);
        pending.append(std::move(reply));
    }
    void askText(const OrkestrSession::Question &question, const QString &,
                 std::function<void(std::optional<QString> text)> reply) override
    {
        asked.append(question);
        pending.append([reply = std::move(reply)](bool) { reply(std::nullopt); });
    }
    // Answers the oldest open question.
    void answerNext(bool yes) { pending.takeFirst()(yes); }
};
