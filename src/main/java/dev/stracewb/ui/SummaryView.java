package dev.stracewb.ui;

import dev.stracewb.analysis.SyscallStat;
import dev.stracewb.trace.SyscallTable;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The per-syscall summary, like {@code strace -c}: calls, errors, time and share of time. Double-click a line to
 * filter the events to that syscall.
 */
final class SummaryView {
    private final TableView<SyscallStat> table;
    private double totalSeconds;

    SummaryView(TableView<SyscallStat> table, Consumer<String> onlySyscall) {
        this.table = table;
        table.setPlaceholder(new Label("The per-syscall summary appears once a trace is open."));
        column("colSumSyscall", SyscallStat::name);
        column("colSumClass", s -> SyscallTable.classOf(s.name()).name().toLowerCase(Locale.ROOT));
        column("colSumCalls", SyscallStat::calls);
        column("colSumErrors", SyscallStat::errors);
        column("colSumSeconds", s -> String.format(Locale.ROOT, "%.6f", s.seconds()));
        column("colSumShare", s -> totalSeconds <= 0 ? "" : String.format(Locale.ROOT, "%.1f %%", 100 * s.seconds() / totalSeconds));
        column("colSumPerCall", s -> s.calls() == 0 ? "" : String.format(Locale.ROOT, "%.0f", s.seconds() * 1e6 / s.calls()));
        table.setRowFactory(t -> {
            TableRow<SyscallStat> r = new TableRow<>();
            r.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && r.getItem() != null) {
                    onlySyscall.accept(r.getItem().name());
                }
            });
            return r;
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> void column(String id, Function<SyscallStat, T> value) {
        for (TableColumn<SyscallStat, ?> c : table.getColumns()) {
            if (id.equals(c.getId())) {
                ((TableColumn) c).setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(
                        value.apply(((TableColumn.CellDataFeatures<SyscallStat, T>) f).getValue())));
                return;
            }
        }
        throw new IllegalStateException("summary table has no column " + id);
    }

    void show(List<SyscallStat> stats) {
        totalSeconds = stats.stream().mapToDouble(SyscallStat::seconds).sum();
        table.setItems(FXCollections.observableArrayList(stats));
    }
}
