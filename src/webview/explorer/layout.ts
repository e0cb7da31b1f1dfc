/**
 * The page's frame, built once with DOM calls: the connection line and Refresh, the tab strip, the
 * Regions' status, and the tab panel (its filter bar, the severity counts of the findings tab, the rows
 * note, the list and the details pane). Narrow (a sidebar) the list and the details stack; wide they sit
 * side by side (explorer.css).
 */
import type { ExplorerTab } from '../../shared/explorerMessages';
import { button, element, group } from '../dom';
import type { VscodeButton } from './controls';
import { TabStrip } from './tabs';
import { VirtualList } from './virtualList';

export interface Layout {
  readonly connection: HTMLElement;
  readonly refresh: VscodeButton;
  readonly tabs: TabStrip;
  readonly panel: HTMLElement;
  readonly regions: HTMLElement;
  readonly filterSlot: HTMLElement;
  readonly severityBar: HTMLElement;
  readonly rowsNote: HTMLElement;
  readonly list: VirtualList;
  readonly details: HTMLElement;
}

export function buildLayout(root: HTMLElement, onTab: (tab: ExplorerTab) => void): Layout {
  const connection = element('p', 'connection');
  connection.setAttribute('aria-live', 'polite');
  const refresh = button('Refresh', 'Read this tab from AWS again, skipping the caches');
  const panel = element('div', 'panel');
  panel.id = 'explorer-panel';
  panel.setAttribute('role', 'tabpanel');
  const tabs = new TabStrip(element('div', 'tabs'), panel.id, onTab);
  const regions = element('ul', 'regions');
  regions.dataset['testid'] = 'regions';
  regions.setAttribute('aria-label', 'Regions');
  regions.setAttribute('aria-live', 'polite');
  const filterSlot = element('div', 'filter-slot');
  const severityBar = element('div', 'severity-counts');
  severityBar.setAttribute('role', 'group');
  severityBar.setAttribute('aria-label', 'Open findings by severity (click to filter)');
  const rowsNote = element('p', 'rows-note');
  rowsNote.setAttribute('aria-live', 'polite');
  const listElement = element('div', 'list');
  const list = new VirtualList(listElement);
  const details = element('section', 'details');
  details.dataset['testid'] = 'details';
  details.setAttribute('aria-label', 'Details');
  details.tabIndex = -1;
  panel.append(filterSlot, severityBar, rowsNote, group('split', listElement, details));
  root.append(group('header', connection, refresh), tabs.element, regions, panel);
  return { connection, refresh, tabs, panel, regions, filterSlot, severityBar, rowsNote, list, details };
}
