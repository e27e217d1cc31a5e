#pragma once

#include "session/prompter.h"

#include <QWidget>

namespace OrkestrUi {

// The session's questions as window-modal dialogs over a widget, opened with open() (no nested
// event loop): the answer arrives when the dialog closes. Owned by that widget.
class DialogPrompter : public QObject, public OrkestrSession::Prompter
{
    Q_OBJECT
public:
    explicit DialogPrompter(QWidget *parent);

    void confirm(const OrkestrSession::Question &question,
                 std::function<void(bool accepted)> answer) override;
    void askText(const OrkestrSession::Question &question, const QString &initial,
                 std::function<void(std::optional<QString> text)> answer) override;

private:
    QWidget *m_parent;
};

} // namespace OrkestrUi
