#pragma once

#include <QString>

#include <functional>
#include <optional>

namespace OrkestrSession {

// A question a workflow asks the person at the desk, such as "Terminate 3 sandboxes?".
struct Question
{
    QString title;
    QString text;
    QString acceptLabel; // the button that says yes, e.g. "Terminate"
    bool destructive = false; // what it confirms cannot be undone
};

// How workflows ask the user, without knowing about widgets: the UI implements it with dialogs,
// tests answer at once. Every call answers exactly once, possibly before it returns; a workflow
// never waits in a nested event loop for the answer.
class Prompter
{
public:
    virtual ~Prompter();

    virtual void confirm(const Question &question, std::function<void(bool accepted)> answer) = 0;
    // A line of text (a new name, a folder); no value when the user cancels.
    virtual void askText(const Question &question, const QString &initial,
                         std::function<void(std::optional<QString> text)> answer)
        = 0;
};

} // namespace OrkestrSession
