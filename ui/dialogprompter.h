#pragma once

#include "session/prompter.h"

#include <QPointer>
#include <QWidget>

namespace OrkestrUi {

// Asks the session's questions with window-modal dialogs opened with open(), never exec(): the
// event loop keeps running (the list keeps updating) while the question is on screen. A dialog
// closed without an answer, or gone with its window, counts as "no".
class DialogPrompter : public OrkestrSession::Prompter
{
public:
    explicit DialogPrompter(QWidget *window);

    void confirm(const OrkestrSession::Question &question,
                 std::function<void(bool accepted)> answer) override;
    void askText(const OrkestrSession::Question &question, const QString &initial,
                 std::function<void(std::optional<QString> text)> answer) override;

private:
    QPointer<QWidget> m_window;
};

} // namespace OrkestrUi
