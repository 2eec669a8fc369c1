package dev.b24emu.conformance.steps;

import dev.b24emu.conformance.Session;
import io.cucumber.java.ParameterType;
import io.cucumber.java.en.When;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What happens on the phone system's side, carried out by the user's driver: a call arrives, someone answers,
 * a user dials, the call ends. The portal's clock moves with the conversation, as it would in real time.
 */
public class PhoneSteps {
    private final ScenarioSession scenario;

    public PhoneSteps(ScenarioSession scenario) {
        this.scenario = scenario;
    }

    @When("an incoming call from {string} reaches line {string}")
    public void incoming(String phone, String line) {
        begins("incoming", phone, line, null);
    }

    @When("an incoming call from {string} reaches line {string} for user {int}")
    public void incomingFor(String phone, String line, int user) {
        begins("incoming", phone, line, (long) user);
    }

    /** Two or more user IDs: "1 and 2", "1, 2 and 3". */
    @ParameterType("\\d+(?:(?:, | and )\\d+)+")
    public List<Long> users(String list) {
        return Arrays.stream(list.split(", | and ")).map(Long::valueOf).toList();
    }

    /** A ring group: the phone system rings several employees at once (the driver's incoming with users). */
    @When("an incoming call from {string} reaches line {string} and rings users {users}")
    public void incomingToGroup(String phone, String line, List<Long> users) {
        Session session = scenario.get();
        session.follow(new Session.FollowedCall(phone, line, null, null, session.mark()));
        session.drive("incoming", Map.of("users", users));
    }

    @When("an incoming call from {string} reaches line {string} and user {int} answers")
    public void incomingAnswered(String phone, String line, int user) {
        incomingFor(phone, line, user);
        answers(user);
    }

    @When("user {int} answers")
    public void answers(int user) {
        Session session = scenario.get();
        session.follow(session.requireCall().withUser(user));
        session.drive("answer", Map.of());
    }

    @When("the callee answers")
    public void calleeAnswers() {
        scenario.get().drive("answer", Map.of());
    }

    /** The phone system hands the answered call on to another employee (the driver's transfer: from, user). */
    @When("user {int} transfers the call to user {int}")
    public void transfers(int from, int to) {
        Session session = scenario.get();
        session.follow(session.requireCall().withUser(to));
        session.drive("transfer", Map.of("from", from));
    }

    @When("user {int} calls {string} from their desk phone through line {string}")
    public void outgoing(int user, String phone, String line) {
        begins("outgoing", phone, line, (long) user);
    }

    /** A new call on the phone system: the scenario follows it from here, then the driver starts it. */
    private void begins(String action, String phone, String line, Long user) {
        Session session = scenario.get();
        session.follow(new Session.FollowedCall(phone, line, user, null, session.mark()));
        session.drive(action, Map.of());
    }

    @When("the call ends after {int} second(s)")
    public void ends(int seconds) {
        Session session = scenario.get();
        session.kit().control().post(session.path("/clock"), Map.of("advance", "PT" + seconds + "S"));
        session.drive("hangup", Map.of("duration", seconds, "answered", true));
    }

    @When("the callee answers and the call ends after {int} second(s)")
    public void calleeAnswersAndEnds(int seconds) {
        calleeAnswers();
        ends(seconds);
    }

    @When("the call ends unanswered")
    public void endsUnanswered() {
        scenario.get().drive("hangup", Map.of("duration", 0, "answered", false));
    }
}
