// Rule family 0xx: the checker's own settings (.sagrc.json); the check lives in rules/settings/.
export { settingsRules } from './settings/index';
