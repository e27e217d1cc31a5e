#pragma once

// The tree behind SandboxTreeModel, shared by the files that implement it.

#include "ui/sandboxes/sandboxtreechildren_p.h"
#include "ui/sandboxes/sandboxtreemodel.h"

namespace OrkestrUi {

// A group (region or status) or a sandbox. Its row comes from the chunk of its parent's children
// that holds it (SandboxTree::Children), so that a change among many siblings renumbers few.
struct SandboxTreeModel::Node
{
    Node *parent = nullptr;
    SandboxTree::Chunk<Node> *chunk = nullptr;
    QString key; // group value (region or status), or the sandbox id for a leaf
    int leafCount = 0; // sandboxes below a group
    int slot = 0; // its place in `chunk`
    bool isLeaf = false;
    Children children;

    int row() const { return chunk->start + slot; }
    bool holdsLeaves() const { return children.empty() || children.front()->isLeaf; }
};

} // namespace OrkestrUi
