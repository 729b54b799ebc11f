package io.wsproxy.control.proxy;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs tasks on the thread that submits them, one at a time and in order: a task submitted while
 * another runs waits its turn, so a manager driven through it handles its events and carries out
 * its effects exactly as its two threads would, but deterministically and before the submitting
 * call returns.
 */
final class Trampoline implements Executor {
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean draining;

    @Override
    public void execute(Runnable task) {
        synchronized (queue) {
            queue.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            next.run();
        }
    }
}
