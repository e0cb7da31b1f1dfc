/**
 * What the page remembers across hide, show and reload (VS Code's webview state): the timeline it shows,
 * so the host can restore the panel, and how the person looks at it (filters, sort, selected row).
 * Read back through a guard: state written by an older version must not break the page.
 */
import { optional, shape, shortString, type Guard } from '../../shared/guards';
import { isActivityTarget, type SavedTimeline } from '../../shared/timelineMessages';
import { DEFAULT_SORT, isSortOrder, type SortOrder } from './columns';
import { isEventFilter, NO_FILTER, type EventFilter } from './filters';

export interface ViewState {
  readonly filter: EventFilter;
  readonly sort: SortOrder;
  readonly selectedId?: string;
}

export interface PageState extends SavedTimeline {
  readonly view: ViewState;
}

export const DEFAULT_VIEW: ViewState = { filter: NO_FILTER, sort: DEFAULT_SORT };

const isViewState: Guard<ViewState> = shape<ViewState>({
  filter: isEventFilter,
  sort: isSortOrder,
  selectedId: optional(shortString(256)),
});

export const isPageState: Guard<PageState> = shape<PageState>({
  target: isActivityTarget,
  notice: optional(shortString(1000)),
  view: isViewState,
});

/** The view saved in `state`, or the default one when there is none or it does not read. */
export function restoredView(state: unknown): ViewState {
  return isPageState(state) ? state.view : DEFAULT_VIEW;
}
