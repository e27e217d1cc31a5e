#pragma once

// The tree behind SandboxTreeModel, shared by the files that implement it.

#include "ui/sandboxes/sandboxtreemodel.h"

namespace OrkestrUi {

// A group (region or status) or a sandbox. Children sit in one vector in row order, and each knows
// its index there: whoever changes a vector renumbers from the first changed place (renumberChildren).
struct SandboxTreeModel::Node
{
    Node *parent = nullptr;
    QString key; // group value (region or status), or the sandbox id for a leaf
    bool isLeaf = false;
    int leafCount = 0; // sandboxes below a group
    int row = 0;
    Children children;
};

// After a change to a group's children from `from` on: each learns its row again.
inline void SandboxTreeModel::renumberChildren(Node *group, size_t from)
{
    for (size_t i = from; i < group->children.size(); ++i)
        group->children[i]->row = int(i);
}

} // namespace OrkestrUi
