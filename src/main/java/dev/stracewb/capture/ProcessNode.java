package dev.stracewb.capture;

import java.util.List;

/** A process with its children, for {@code stracewb ps} and the GUI's attach dialog. */
public record ProcessNode(ProcessInfo process, List<ProcessNode> children) {

    public ProcessNode {
        children = List.copyOf(children);
    }
}
