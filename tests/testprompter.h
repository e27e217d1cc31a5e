#pragma once

#include "session/prompter.h"

#include <QList>

// Answers the session's questions at once, as a test decides, and keeps what was asked.
class TestPrompter : public OrkestrSession::Prompter
{
public:
    void confirm(const OrkestrSession::Question &question, std::function<void(bool accepted)> answer) override
    {
        asked.append(question);
        answer(accept);
    }
    void askText(const OrkestrSession::Question &question, const QString &,
                 std::function<void(std::optional<QString> text)> answer) override
    {
        asked.append(question);
        answer(text);
    }

    bool accept = false;
    std::optional<QString> text;
    QList<OrkestrSession::Question> asked;
};
