package io.docverify.adapter.inmemory.properties;

import java.util.ArrayList;
import java.util.List;
import org.quicktheories.core.stateful.Command;

/**
 * One numbered step of a scenario, as a QuickTheories command: {@link #run} does the action against the
 * in-memory Dwolla, {@link #nextState} asks the model. The number lets the model and the harness record each
 * step's answer under the same key, so even in a parallel run the answers are checked against one sequential
 * order.
 */
record Step(int index, Action action) implements Command<Harness, ModelState> {

    /** Numbers a generated list of actions. */
    static List<Step> number(List<Action> actions) {
        var steps = new ArrayList<Step>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            steps.add(new Step(i + 1, actions.get(i)));
        }
        return List.copyOf(steps);
    }

    @Override
    public void run(Harness sut) {
        sut.perform(index, action);
    }

    @Override
    public ModelState nextState(ModelState state) {
        return DwollaModel.next(state, index, action);
    }

    @Override
    public String toString() {
        return "#" + index + " " + action;
    }
}
